package io.lingxi.handoff.messaging;

import io.lingxi.contracts.Topics;
import io.lingxi.contracts.messaging.CloudEvents;
import io.lingxi.handoff.config.HandoffConfig;
import io.lingxi.handoff.domain.OutboxEvent;
import io.lingxi.handoff.service.HandoffRequestService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Sends outbox rows to their topics (CloudEvents headers from the row, waiting for the broker) and marks them
 * published. Also sweeps up rows that were committed but never acknowledged, e.g. after a crash.
 */
@ApplicationScoped
public class OutboxPublisher {

    private final Map<String, MutinyEmitter<String>> emitters;
    private final HandoffConfig config;

    public OutboxPublisher(@Channel("replies") MutinyEmitter<String> replies,
            @Channel("handoff-events") MutinyEmitter<String> handoffEvents, HandoffConfig config) {
        this.emitters = Map.of(Topics.REPLY, replies, Topics.HANDOFF_EVENT, handoffEvents);
        this.config = config;
    }

    /** Sends {@code rows} in order, then marks them published; fails if the broker does not acknowledge one. */
    public Uni<Void> publish(List<OutboxEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = rows.stream().map(row -> row.id).toList();
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().last()
                .chain(() -> Panache.withTransaction(() -> OutboxEvent.markPublished(ids, Instant.now())))
                .replaceWithVoid();
    }

    private Uni<Void> send(OutboxEvent row) {
        MutinyEmitter<String> emitter = emitters.get(row.topic);
        if (emitter == null) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "outbox row " + row.id + " is for topic " + row.topic + ", which this service does not send to"));
        }
        return emitter.sendMessage(CloudEvents.conversationEvent(row.payload, row.id, row.ceType,
                HandoffRequestService.SOURCE, row.kafkaKey, row.tenantId, row.correlationId, row.createdAt));
    }

    /** Re-sends rows the consumer committed but could not send (broker away, or we crashed after the commit). */
    @Scheduled(every = "${lingxi.handoff.outbox.sweep-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant before = Instant.now().minus(config.outbox().sweepAfter());
        return Panache.withSession(() -> OutboxEvent.listUnpublished(before, config.outbox().sweepBatch()))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> publish(List.of(row))
                        .invoke(() -> Log.infof("Outbox sweeper sent event %s (%s) of input %s", row.id, row.ceType,
                                row.inputEventId))
                        .onFailure().invoke(e -> Log.warnf("Outbox sweeper could not send event %s: %s", row.id,
                                e.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid()
                // the database is away: the next sweep tries again
                .onFailure().invoke(e -> Log.warnf("Outbox sweep failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
