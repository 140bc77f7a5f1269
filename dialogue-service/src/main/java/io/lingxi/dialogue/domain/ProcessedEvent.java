package io.lingxi.dialogue.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An input event already handled; recorded in the transaction of its state change. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    public static ProcessedEvent of(String eventId) {
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = eventId;
        processed.processedAt = Instant.now();
        return processed;
    }
}
