package io.lingxi.dialogue.messaging;

import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.messaging.EventContext;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * An event to publish, stored in the transaction of the state change that caused it. Its id is derived from
 * the input event, so publishing it again after a crash repeats the same {@code ce_id}.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "input_event_id", nullable = false)
    public String inputEventId;

    /** Publication order among the events of one input. */
    @Column(nullable = false)
    public int seq;

    @Column(nullable = false)
    public String topic;

    @Column(name = "kafka_key", nullable = false)
    public String kafkaKey;

    @Column(name = "ce_type", nullable = false)
    public String ceType;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(nullable = false)
    public String payload;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** An event caused by {@code input}, identified by the step that emits it. */
    public static OutboxEvent of(EventContext input, String step, int seq, String topic, String ceType,
            String conversationId, String tenantId, String payload, Instant occurredAt) {
        OutboxEvent event = new OutboxEvent();
        event.id = EventIds.derive(input.id(), step);
        event.inputEventId = input.id();
        event.seq = seq;
        event.topic = topic;
        event.kafkaKey = conversationId;
        event.ceType = ceType;
        event.tenantId = tenantId;
        event.correlationId = input.correlationId();
        event.payload = payload;
        event.occurredAt = occurredAt;
        return event;
    }

    public static Uni<List<OutboxEvent>> forInput(String inputEventId) {
        return list("inputEventId = ?1 order by seq", inputEventId);
    }

    public static Uni<List<OutboxEvent>> unpublished(Instant before, int limit) {
        return find("publishedAt is null and occurredAt < ?1 order by occurredAt, seq", before).page(0, limit).list();
    }
}
