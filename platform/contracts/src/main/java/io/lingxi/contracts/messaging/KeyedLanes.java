package io.lingxi.contracts.messaging;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Runs work concurrently across keys and one at a time, in submission order, per key: a record of one
 * conversation waits only for the earlier records of the same conversation on the same topic (a consumer's
 * channel). At most
 * {@code limit} tasks are in flight; {@link #submit} answers once its task is admitted, so a caller that waits for
 * that answer before submitting more (a messaging consumer) is held back when the lanes are full. Each task runs on a new
 * duplicated Vert.x context, so concurrent tasks never share a Hibernate Reactive session.
 */
public final class KeyedLanes {

    private final Vertx vertx;
    private final int limit;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int inFlight;

    public KeyedLanes(Vertx vertx, int limit) {
        this.vertx = vertx;
        this.limit = Math.max(1, limit);
    }

    /**
     * Queues {@code task} behind the earlier tasks of {@code key}. The answer completes when the task is admitted,
     * not when it is done: the task reports its own outcome (a consumer acknowledges its record).
     */
    public Uni<Void> submit(String key, Supplier<Uni<Void>> task) {
        return Uni.createFrom().completionStage(admit()).invoke(() -> {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            CompletableFuture<Void> previous = tails.put(key, finished);
            CompletableFuture<Void> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
            before.whenComplete((ignored, failure) -> run(task).whenComplete((item, error) -> {
                release();
                tails.remove(key, finished);
                finished.complete(null);
            }));
        });
    }

    /** The lane of a Kafka record: its key (the conversation), or its partition when it has none. */
    public static String key(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> metadata.getKey() == null ? "partition-" + metadata.getPartition()
                        : String.valueOf(metadata.getKey()))
                .orElse("");
    }

    /** Tasks admitted and not finished. */
    public synchronized int inFlight() {
        return inFlight;
    }

    private <T> CompletableFuture<T> run(Supplier<Uni<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true); // its own: Hibernate Reactive may keep a session here
        context.runOnContext(ignored -> {
            try {
                task.get().subscribe().with(result::complete, result::completeExceptionally);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private synchronized CompletableFuture<Void> admit() {
        if (inFlight < limit) {
            inFlight++;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> ticket = new CompletableFuture<>();
        waiting.add(ticket);
        return ticket;
    }

    private void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        next.complete(null); // the slot passes straight to the next task
    }
}
