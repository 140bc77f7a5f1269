package io.lingxi.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The outbound delivery of one reply to a channel that is pushed to. Written with the reply, in the same
 * transaction; the dispatcher takes it from there. Unique per (channel, reply id): a reply event seen twice
 * is delivered once.
 */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id", nullable = false)
    public Long messageId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(name = "reply_id", nullable = false)
    public String replyId;

    /** The reply event's {@code ce_id}; delivery reports derive their ids from it. */
    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(nullable = false)
    public boolean reported;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
