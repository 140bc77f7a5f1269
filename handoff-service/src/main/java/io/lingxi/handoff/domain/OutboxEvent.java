package io.lingxi.handoff.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * An event decided inside a transaction and sent after it commits. Its id is the event's {@code ce_id},
 * so every (re-)send of the row carries the same id and consumers drop the repeats.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public String id;

    /** The {@code ce_id} of the input event this row answers. */
    @Column(name = "input_event_id", nullable = false)
    public String inputEventId;

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

    /** The event data, JSON. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the broker acknowledged it; null until then. */
    @Column(name = "published_at")
    public Instant publishedAt;

    public static Uni<List<OutboxEvent>> listUnpublishedOf(String inputEventId) {
        return list("inputEventId = ?1 and publishedAt is null order by createdAt, id", inputEventId);
    }

    public static Uni<List<OutboxEvent>> listUnpublished(Instant createdBefore, int limit) {
        return find("publishedAt is null and createdAt < ?1 order by createdAt, id", createdBefore)
                .page(0, limit).list();
    }

    public static Uni<Integer> markPublished(List<String> ids, Instant at) {
        return update("publishedAt = ?1 where id in ?2 and publishedAt is null", at, ids);
    }
}
