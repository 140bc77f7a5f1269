package io.lingxi.handoff.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One line of a conversation as handoff saw it; the id is the message's or reply's own id. */
@Entity
@Table(name = "transcript_line")
public class TranscriptLine extends PanacheEntityBase {

    /** Prefix of lines copied from a handoff request's summary (shown only when no live line says the same). */
    public static final String SUMMARY_PREFIX = "summary:";

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    /** CUSTOMER, BOT, AGENT or SYSTEM */
    @Column(nullable = false)
    public String sender;

    @Column(name = "agent_id")
    public String agentId;

    @Column(nullable = false)
    public String text;

    public String language;

    public String intent;

    public Double sentiment;

    @Column(name = "entities_json")
    public String entitiesJson;

    @Column(nullable = false)
    public Instant at;

    @Column(insertable = false, updatable = false)
    public Long seq;

    public static Uni<List<TranscriptLine>> ofConversation(String tenantId, String conversationId) {
        return list("tenantId = ?1 and conversationId = ?2 order by at, seq", tenantId, conversationId);
    }

    public static Uni<Long> countCustomerLinesAfter(String tenantId, String conversationId, Instant after) {
        return after == null
                ? count("tenantId = ?1 and conversationId = ?2 and sender = 'CUSTOMER'", tenantId, conversationId)
                : count("tenantId = ?1 and conversationId = ?2 and sender = 'CUSTOMER' and at > ?3", tenantId,
                        conversationId, after);
    }
}
