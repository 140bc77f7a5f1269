package io.lingxi.analytics.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** A running total of one metric for one channel of one tenant. Changed only by native upserts. */
@Entity
@Table(name = "counter")
public class Counter extends PanacheEntityBase {

    @EmbeddedId
    public Key id;

    @Column(name = "value", nullable = false)
    public long amount;

    public static Uni<List<Counter>> listOfTenant(String tenantId) {
        return list("id.tenantId = ?1", tenantId);
    }

    /** Tenant, channel and metric: the primary key. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "tenant_id", nullable = false)
        public String tenantId;

        @Column(name = "channel_id", nullable = false)
        public String channelId;

        @Column(name = "metric", nullable = false)
        public String metric;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(tenantId, key.tenantId)
                    && Objects.equals(channelId, key.channelId) && Objects.equals(metric, key.metric);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, channelId, metric);
        }
    }
}
