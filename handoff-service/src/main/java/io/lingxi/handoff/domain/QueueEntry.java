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
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;

/**
 * The handoff of one conversation: waiting in the queue of one skill group of one tenant, then offered to and held
 * by an agent, until closed or returned to the bot.
 */
@Entity
@Table(name = "queue_entry")
public class QueueEntry extends PanacheEntityBase {

    public static final String WAITING = "WAITING";
    public static final String OFFERED = "OFFERED";
    public static final String ASSIGNED = "ASSIGNED";
    public static final String CLOSED = "CLOSED";
    public static final String RETURNED = "RETURNED";

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

    /** Queue rank: priority, then complaint, VIP and strongly negative sentiment; higher is served first. */
    @Column(nullable = false)
    public int rank;

    /** Put back at the front after its agent left. */
    @Column(nullable = false)
    public boolean requeued;

    @Column(nullable = false)
    public boolean vip;

    @Column(name = "channel_type")
    public String channelType;

    @Column(name = "call_id")
    public String callId;

    /** The customer's profile hints, JSON, or null. */
    @Column(name = "customer_json")
    public String customerJson;

    /** The handoff request's summary, JSON, or null. */
    @Column(name = "summary_json")
    public String summaryJson;

    @Column(name = "correlation_id")
    public String correlationId;

    /** The agent it is offered to or assigned to. */
    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "offer_expires_at")
    public Instant offerExpiresAt;

    /** Agents who declined or let the offer expire, comma-separated; they are not offered it again. */
    @Column(name = "declined_by", nullable = false)
    public String declinedBy = "";

    @Column(name = "assigned_at")
    public Instant assignedAt;

    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** When the agent last read the conversation; customer lines after it are unread. */
    @Column(name = "agent_read_at")
    public Instant agentReadAt;

    /** The position the customer was last told. */
    @Column(name = "told_position")
    public Integer toldPosition;

    /** The note of the last transfer, for the next agent. */
    @Column(name = "transfer_note")
    public String transferNote;

    @Version
    public long version;

    public boolean active() {
        return WAITING.equals(status) || OFFERED.equals(status) || ASSIGNED.equals(status);
    }

    /** The conversation's handoff that is waiting, offered or assigned, or null. */
    public static Uni<QueueEntry> findActive(String tenantId, String conversationId) {
        return find("tenantId = ?1 and conversationId = ?2 and status in ?3", tenantId, conversationId,
                List.of(WAITING, OFFERED, ASSIGNED)).firstResult();
    }

    /** Every entry of the tenant that is waiting, offered or assigned. */
    public static Uni<List<QueueEntry>> listActive(String tenantId) {
        return list("tenantId = ?1 and status in ?2", tenantId, List.of(WAITING, OFFERED, ASSIGNED));
    }

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
