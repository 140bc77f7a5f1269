package io.lingxi.dialogue.messaging;

import io.lingxi.contracts.messaging.KeyedLanes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedLanesTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void oneKeyWaitsForItsEarlierTasksWhileOtherKeysGoAhead() {
        KeyedLanes lanes = new KeyedLanes(vertx, 8);
        CompletableFuture<Void> firstOfA = new CompletableFuture<>();
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        lanes.submit("a", () -> Uni.createFrom().completionStage(firstOfA).invoke(() -> done.add("a1")))
                .await().atMost(Duration.ofSeconds(5));
        lanes.submit("a", () -> Uni.createFrom().voidItem().invoke(() -> done.add("a2")))
                .await().atMost(Duration.ofSeconds(5));
        lanes.submit("b", () -> Uni.createFrom().voidItem().invoke(() -> done.add("b1")))
                .await().atMost(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(5)).until(() -> done.contains("b1"));
        assertThat(done).containsExactly("b1"); // a2 waits behind a1, b1 does not

        firstOfA.complete(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> done.size() == 3);
        assertThat(done).containsExactly("b1", "a1", "a2");
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.inFlight() == 0);
    }

    @Test
    void aFailedTaskDoesNotStopItsLane() {
        KeyedLanes lanes = new KeyedLanes(vertx, 2);
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        lanes.submit("a", () -> Uni.createFrom().failure(new IllegalStateException("boom")))
                .await().atMost(Duration.ofSeconds(5));
        lanes.submit("a", () -> Uni.createFrom().voidItem().invoke(() -> done.add("a2")))
                .await().atMost(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> done.contains("a2"));
    }

    @Test
    void whenFullTheNextTaskIsAdmittedOnlyOnceOneFinishes() {
        KeyedLanes lanes = new KeyedLanes(vertx, 2);
        Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
        for (String key : List.of("a", "b")) {
            CompletableFuture<Void> work = new CompletableFuture<>();
            running.put(key, work);
            lanes.submit(key, () -> Uni.createFrom().completionStage(work)).await().atMost(Duration.ofSeconds(5));
        }
        AtomicBoolean admitted = new AtomicBoolean();
        lanes.submit("c", () -> Uni.createFrom().voidItem()).subscribe().with(ignored -> admitted.set(true));
        assertThat(admitted).isFalse();
        assertThat(lanes.inFlight()).isEqualTo(2);

        running.get("b").complete(null);
        await().atMost(Duration.ofSeconds(5)).untilTrue(admitted);
        running.get("a").complete(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.inFlight() == 0);
    }

    @Test
    void eachTaskRunsOnItsOwnDuplicatedContext() {
        KeyedLanes lanes = new KeyedLanes(vertx, 4);
        List<Object> contexts = Collections.synchronizedList(new ArrayList<>());
        for (String key : List.of("a", "a", "b")) {
            lanes.submit(key, () -> Uni.createFrom().voidItem().invoke(() -> {
                assertThat(io.smallrye.common.vertx.VertxContext.isOnDuplicatedContext()).isTrue();
                contexts.add(Vertx.currentContext());
            })).await().atMost(Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> contexts.size() == 3);
        assertThat(contexts).doesNotHaveDuplicates();
    }
}
