package io.lingxi.handoff.domain;

import io.lingxi.contracts.events.HandoffRequested.Priority;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A customer waiting for a human agent, in the queue of one skill group of one tenant. */
@Entity
@Table(name = "queue_entry")
public class QueueEntry extends PanacheEntityBase {

    public static final String WAITING = "WAITING";

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Column(name = "customer_id")
    public String customerId;

    /** The customer message that led to the handoff. */
    @Column(name = "message_id")
    public String messageId;

    @Column(nullable = false)
    public String reason;

    @Column(name = "skill_group", nullable = false)
    public String skillGroup;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    @Column(nullable = false)
    public String language;

    @Column(nullable = false)
    public String status;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    /** The {@code ce_id} of the HandoffRequested event that created this entry. */
    @Column(name = "request_event_id", nullable = false)
    public String requestEventId;

    public static Uni<QueueEntry> findWaiting(String tenantId, String conversationId) {
        return find("tenantId = ?1 and conversationId = ?2 and status = ?3", tenantId, conversationId, WAITING)
                .firstResult();
    }

    /** Every waiting entry of one queue (tenant and skill group), in no particular order. */
    public static Uni<List<QueueEntry>> listWaiting(String tenantId, String skillGroup) {
        return list("tenantId = ?1 and skillGroup = ?2 and status = ?3", tenantId, skillGroup, WAITING);
    }

    /** Every waiting entry of a tenant, all skill groups, in no particular order. */
    public static Uni<List<QueueEntry>> listWaiting(String tenantId) {
        return list("tenantId = ?1 and status = ?2", tenantId, WAITING);
    }
}
