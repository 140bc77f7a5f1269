package io.lingxi.dialogue.messaging;

import io.lingxi.contracts.Topics;
import io.lingxi.contracts.messaging.CloudEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes outbox events in order and waits for the broker, then marks them published. Runs right after the
 * transaction that wrote them; a sweeper catches what a crash or a broker outage left behind.
 */
@ApplicationScoped
public class OutboxPublisher {

    static final String SOURCE = "dialogue-service";
    private static final Duration SWEEP_AFTER = Duration.ofSeconds(10);

    private final Map<String, MutinyEmitter<String>> emitters;

    public OutboxPublisher(@Channel("replies") MutinyEmitter<String> replies,
            @Channel("knowledge-queries") MutinyEmitter<String> knowledgeQueries,
            @Channel("handoff-requests") MutinyEmitter<String> handoffRequests,
            @Channel("conversation-events") MutinyEmitter<String> conversationEvents) {
        this.emitters = Map.of(Topics.REPLY, replies, Topics.KNOWLEDGE_QUERY, knowledgeQueries,
                Topics.HANDOFF_REQUESTED, handoffRequests, Topics.CONVERSATION_EVENT, conversationEvents);
    }

    public Uni<Void> publish(List<OutboxEvent> events) {
        List<OutboxEvent> pending = events.stream().filter(e -> e.publishedAt == null).toList();
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().last()
                .chain(() -> Panache.withTransaction(() -> OutboxEvent.update(
                        "publishedAt = ?1 where id in ?2", Instant.now(), pending.stream().map(e -> e.id).toList())))
                .replaceWithVoid();
    }

    private Uni<Void> send(OutboxEvent event) {
        MutinyEmitter<String> emitter = emitters.get(event.topic);
        if (emitter == null) {
            return Uni.createFrom().failure(new IllegalStateException("no channel for topic " + event.topic));
        }
        return emitter.sendMessage(CloudEvents.conversationEvent(event.payload, event.id, event.ceType, SOURCE,
                event.kafkaKey, event.tenantId, event.correlationId, event.occurredAt));
    }

    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return Panache.withSession(() -> OutboxEvent.unpublished(Instant.now().minus(SWEEP_AFTER), 200))
                .flatMap(events -> {
                    if (!events.isEmpty()) {
                        Log.infof("Publishing %d outbox events left unpublished", events.size());
                    }
                    return publish(events);
                })
                .onFailure().invoke(e -> Log.warnf("Outbox sweep failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
