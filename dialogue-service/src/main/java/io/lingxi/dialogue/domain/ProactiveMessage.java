package io.lingxi.dialogue.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A proactive message that was sent; its id is the reply's id. */
@Entity
@Table(name = "proactive_message")
public class ProactiveMessage extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    public static Uni<Long> countSince(String tenantId, String customerId, Instant since) {
        return count("tenantId = ?1 and customerId = ?2 and sentAt > ?3", tenantId, customerId, since);
    }
}
