package io.lingxi.handoff.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One agent holding one conversation for a while; the database allows one open row per conversation. */
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "queue_entry_id", nullable = false)
    public String queueEntryId;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(name = "agent_id", nullable = false)
    public String agentId;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** closed, returned, transferred, agent_absent */
    @Column(name = "end_reason")
    public String endReason;

    public static Uni<Integer> end(String tenantId, String conversationId, Instant at, String reason) {
        return update("endedAt = ?1, endReason = ?2 where tenantId = ?3 and conversationId = ?4 and endedAt is null",
                at, reason, tenantId, conversationId);
    }
}
