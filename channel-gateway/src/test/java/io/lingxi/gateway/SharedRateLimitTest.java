package io.lingxi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.lingxi.gateway.service.RateLimiter;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.logging.Log;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two limiters, each with its own connection pool to the gateway's database, stand for two replicas: the
 * limit holds across them, also under concurrent requests.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class SharedRateLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    Pool otherPool;
    RateLimiter replicaA;
    RateLimiter replicaB;

    @BeforeEach
    void twoReplicas() {
        var config = ConfigProvider.getConfig();
        PgConnectOptions options = PgConnectOptions.fromUri(
                        config.getValue("quarkus.datasource.reactive.url", String.class))
                .setUser(config.getValue("quarkus.datasource.username", String.class))
                .setPassword(config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        otherPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(options).using(vertx)
                .build();
        replicaA = new RateLimiter(pool);
        replicaB = new RateLimiter(otherPool);
    }

    @AfterEach
    void close() {
        otherPool.closeAndAwait();
    }

    @Test
    void aLimitHoldsAcrossReplicasAndRefusalsDoNotCount() {
        String key = "test:" + UUID.randomUUID();
        RateLimiter.Limit limit = new RateLimiter.Limit(key, 4);
        for (int i = 0; i < 4; i++) {
            RateLimiter limiter = i % 2 == 0 ? replicaA : replicaB;
            assertThat(limiter.acquire(limit).await().atMost(WAIT)).as("request %d", i + 1).isNull();
        }
        RateLimiter.Refusal onA = replicaA.acquire(limit).await().atMost(WAIT);
        RateLimiter.Refusal onB = replicaB.acquire(limit).await().atMost(WAIT);
        assertThat(onA).isNotNull();
        assertThat(onB).isNotNull();
        assertThat(onA.limit().key()).isEqualTo(key);
        assertThat(onA.retryAfterSeconds()).isBetween(1L, 120L);
        // refused requests gave their count back: the window holds exactly the four that were let through
        assertThat(pool.preparedQuery("SELECT sum(count) FROM rate_counter WHERE key = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(key)).await().atMost(WAIT).iterator().next().getLong(0))
                .isEqualTo(4L);
    }

    @Test
    void aRefusalByOneLimitDoesNotUseUpTheOthers() {
        String channel = "test-channel:" + UUID.randomUUID();
        RateLimiter.Limit channelLimit = new RateLimiter.Limit(channel, 3);
        RateLimiter.Limit alice = new RateLimiter.Limit("test-customer:" + UUID.randomUUID(), 1);
        assertThat(replicaA.acquire(channelLimit, alice).await().atMost(WAIT)).isNull();
        // alice floods: each refused by her own limit, none counted against the channel
        for (int i = 0; i < 5; i++) {
            RateLimiter.Refusal refusal = replicaB.acquire(channelLimit, alice).await().atMost(WAIT);
            assertThat(refusal).isNotNull();
            assertThat(refusal.limit()).isEqualTo(alice);
        }
        assertThat(replicaA.acquire(channelLimit, new RateLimiter.Limit("test-customer:" + UUID.randomUUID(), 1))
                .await().atMost(WAIT)).isNull();
        assertThat(replicaB.acquire(channelLimit, new RateLimiter.Limit("test-customer:" + UUID.randomUUID(), 1))
                .await().atMost(WAIT)).isNull();
        RateLimiter.Refusal full = replicaA.acquire(channelLimit, new RateLimiter.Limit("test-customer:"
                + UUID.randomUUID(), 1)).await().atMost(WAIT);
        assertThat(full).isNotNull();
        assertThat(full.limit()).isEqualTo(channelLimit);
    }

    @Test
    void concurrentRequestsOnTwoReplicasLetExactlyTheLimitThrough() {
        RateLimiter.Limit limit = new RateLimiter.Limit("test:" + UUID.randomUUID(), 10);
        List<Uni<RateLimiter.Refusal>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requests.add((i % 2 == 0 ? replicaA : replicaB).acquire(limit)
                    .onItem().ifNull().continueWith(() -> new RateLimiter.Refusal(null, 0)));
        }
        List<RateLimiter.Refusal> outcomes = Uni.join().all(requests).andFailFast().await().atMost(WAIT);
        long allowed = outcomes.stream().filter(o -> o.limit() == null).count();
        assertThat(allowed).isEqualTo(10);
        assertThat(outcomes.stream().filter(o -> o.limit() != null)).allSatisfy(o -> assertThat(o.retryAfterSeconds())
                .isPositive());
    }

    /** Not a benchmark: a rough figure of what the shared limit adds to a message, printed for the docs. */
    @Test
    void theCheckIsOneShortRoundTrip() {
        RateLimiter.Limit channel = new RateLimiter.Limit("test-latency:" + UUID.randomUUID(), 100_000);
        int n = 500;
        Multi.createFrom().range(0, 50).onItem().transformToUniAndConcatenate(i -> replicaA.acquire(channel,
                new RateLimiter.Limit("test-latency-c:" + i, 100))).collect().asList().await().atMost(WAIT);
        long start = System.nanoTime();
        List<RateLimiter.Refusal> sequential = Multi.createFrom().range(0, n)
                .onItem().transformToUniAndConcatenate(i -> replicaA.acquire(channel,
                        new RateLimiter.Limit("test-latency-c:" + UUID.randomUUID(), 100))
                        .onItem().ifNull().continueWith(() -> new RateLimiter.Refusal(null, 0)))
                .collect().asList().await().atMost(Duration.ofSeconds(60));
        double micros = (System.nanoTime() - start) / 1_000.0 / n;
        assertThat(sequential).hasSize(n).allSatisfy(o -> assertThat(o.limit()).isNull());
        // the same pool's plainest round trip, for comparison on this (possibly busy) machine
        start = System.nanoTime();
        Multi.createFrom().range(0, n).onItem().transformToUniAndConcatenate(i -> pool.query("SELECT 1").execute())
                .collect().asList().await().atMost(Duration.ofSeconds(60));
        double baseline = (System.nanoTime() - start) / 1_000.0 / n;
        Log.infof("rate-limit check (channel + customer, one upsert): %.0f µs per request; SELECT 1: %.0f µs "
                + "(over %d sequential requests)", micros, baseline, n);
        assertThat(Objects.requireNonNull(sequential)).isNotEmpty();
    }
}
