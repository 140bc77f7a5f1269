package io.lingxi.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Profile hints a channel sent about one of its customers; the latest value of each field wins. */
@Entity
@Table(name = "customer_profile")
public class CustomerProfile extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    public String name;

    @Column(name = "vip_level")
    public String vipLevel;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "channel_id")
        public String channelId;

        @Column(name = "customer_id")
        public String customerId;

        public Key() {
        }

        public Key(String channelId, String customerId) {
            this.channelId = channelId;
            this.customerId = customerId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(channelId, key.channelId)
                    && Objects.equals(customerId, key.customerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(channelId, customerId);
        }
    }
}
