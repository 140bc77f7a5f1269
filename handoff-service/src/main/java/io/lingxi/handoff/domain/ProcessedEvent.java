package io.lingxi.handoff.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An input event ({@code ce_id}) whose effects are committed; its output events are in the outbox. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    public static ProcessedEvent of(String eventId, Instant at) {
        ProcessedEvent row = new ProcessedEvent();
        row.eventId = eventId;
        row.processedAt = at;
        return row;
    }
}
