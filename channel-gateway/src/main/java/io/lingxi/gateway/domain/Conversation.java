package io.lingxi.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The gateway's view of a conversation: which customer of which channel it belongs to. */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "last_message_at", nullable = false)
    public Instant lastMessageAt;

    public static Uni<Conversation> findLatest(String channelId, String customerId) {
        return find("channelId = ?1 and customerId = ?2 order by startedAt desc", channelId, customerId).firstResult();
    }
}
