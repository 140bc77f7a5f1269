package io.lingxi.handoff;

import static io.lingxi.handoff.AgentDeskTest.agent;
import static io.lingxi.handoff.AgentDeskTest.group;
import static io.lingxi.handoff.AgentDeskTest.login;
import static io.lingxi.handoff.AgentDeskTest.requestHandoff;
import static io.lingxi.handoff.AgentDeskTest.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lingxi.contracts.Topics;
import io.lingxi.handoff.domain.Assignment;
import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * 50 waiting conversations, 5 agents of capacity 3 who accept concurrently (pulling the next one and grabbing the
 * same conversations), close what they get, while their statuses flap and one agent stays away past the grace
 * period: every conversation ends with exactly one agent at a time, no agent ever holds more than 3, nothing is lost.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "handoff_test"))
@WithTestResource(JwtTestResource.class)
class RoutingConcurrencyTest {

    private static final int CONVERSATIONS = 50;
    private static final int AGENTS = 5;
    private static final int CAPACITY = 3;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Agents (tokens) who have walked away: they do nothing until they are back. */
    private final java.util.Set<String> away = ConcurrentHashMap.newKeySet();
    /** Agents who have seen that they are away and stopped mid-nothing (no request of theirs in flight). */
    private final java.util.Set<String> parked = ConcurrentHashMap.newKeySet();

    @Test
    void everyConversationGetsExactlyOneAgentAndNoAgentExceedsCapacity() throws Exception {
        String tenant = tenant();
        String admin = TestJwt.token(tenant, "admin");
        group(admin, "general", "通用");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            agent(admin, "Agent " + i, "agent" + i, List.of("general"), List.of("zh"), CAPACITY);
            tokens.add(login(tenant, "agent" + i));
        }
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            String conversation = "conc-" + UUID.randomUUID();
            conversations.add(conversation);
            requestHandoff(tenant, conversation, "m-" + i, "zh", "general", null);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count(tenant, QueueEntry.WAITING) == CONVERSATIONS);

        AtomicBoolean done = new AtomicBoolean();
        Map<Integer, Integer> statusCodes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(AGENTS + 1);
        try {
            for (int i = 0; i < AGENTS; i++) {
                String token = tokens.get(i);
                pool.submit(() -> work(token, conversations, done, statusCodes));
            }
            pool.submit(() -> flap(tokens, done));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(tenant, QueueEntry.CLOSED) == CONVERSATIONS);
        } finally {
            done.set(true);
            pool.shutdown();
        }

        // concurrent accepts really collided, and each was answered cleanly
        assertThat(statusCodes).containsKey(409).doesNotContainKey(500);
        assertThat(count(tenant, QueueEntry.WAITING) + count(tenant, QueueEntry.OFFERED)
                + count(tenant, QueueEntry.ASSIGNED)).isZero();

        List<Assignment> assignments = assignments(tenant);
        // never two agents on one conversation: its assignments follow one another
        Map<String, List<Assignment>> byConversation = assignments.stream()
                .collect(Collectors.groupingBy(a -> a.conversationId));
        assertThat(byConversation.keySet()).containsExactlyInAnyOrderElementsOf(conversations);
        byConversation.values().forEach(list -> {
            list.sort(Comparator.comparing(a -> a.assignedAt));
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i - 1).endedAt).isNotNull().isBeforeOrEqualTo(list.get(i).assignedAt);
            }
            assertThat(list.get(list.size() - 1).endReason).isEqualTo("closed");
        });
        // never more than CAPACITY at once per agent
        Map<String, List<Assignment>> byAgent = assignments.stream().collect(Collectors.groupingBy(a -> a.agentId));
        byAgent.forEach((agent, list) -> assertThat(maxConcurrent(list)).as("agent %s", agent)
                .isLessThanOrEqualTo(CAPACITY));
        assertThat(byAgent).hasSizeGreaterThan(1);
        // the agent who stayed away lost their conversations to the queue, and others finished them
        assertThat(assignments).anySatisfy(a -> assertThat(a.endReason).isEqualTo("agent_absent"));

        // nothing lost on the wire: one QUEUED per request, one CLOSED per conversation, one AGENT_ASSIGNED per
        // assignment
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Long> types = eventsOf(conversations);
            assertThat(types.getOrDefault("CLOSED", 0L)).isEqualTo(CONVERSATIONS);
            assertThat(types.getOrDefault("AGENT_ASSIGNED", 0L)).isEqualTo(assignments.size());
            assertThat(types.getOrDefault("QUEUED", 0L)).isGreaterThanOrEqualTo(CONVERSATIONS);
        });
    }

    private void work(String token, List<String> conversations, AtomicBoolean done, Map<Integer, Integer> codes) {
        call("PUT", "/api/v1/handoff/me/status", token, "{\"status\":\"ONLINE\"}", codes);
        while (!done.get()) {
            if (away.contains(token)) {
                parked.add(token);
                pause(100);
                continue;
            }
            parked.remove(token);
            HttpResponse<String> mine = call("GET", "/api/v1/handoff/conversations", token, null, codes);
            if (mine != null && mine.statusCode() == 200) {
                for (Map<String, Object> c : JsonPath.from(mine.body()).<Map<String, Object>>getList("conversations")) {
                    if ("ASSIGNED".equals(c.get("status")) && ThreadLocalRandom.current().nextBoolean()) {
                        call("POST", "/api/v1/handoff/conversations/" + c.get("conversationId") + "/close", token, "{}",
                                codes);
                    }
                }
            }
            call("POST", "/api/v1/handoff/conversations/accept-next", token, null, codes);
            String any = conversations.get(ThreadLocalRandom.current().nextInt(conversations.size()));
            call("POST", "/api/v1/handoff/conversations/" + any + "/accept", token, null, codes);
        }
    }

    /** Statuses flap; agent 0 once stays offline past the grace period, so its conversations are re-queued. */
    private void flap(List<String> tokens, AtomicBoolean done) {
        Map<Integer, Integer> ignored = new HashMap<>();
        // agent 0 leaves while holding a conversation and stays away past the grace period (3 s in tests); its
        // worker is parked first, so it cannot close that conversation between our look and the departure
        String leaver = tokens.get(0);
        for (int i = 0; i < 300 && !done.get(); i++) {
            away.add(leaver);
            while (!parked.contains(leaver) && !done.get()) {
                pause(20);
            }
            HttpResponse<String> mine = call("GET", "/api/v1/handoff/conversations", leaver, null, ignored);
            if (mine != null && mine.statusCode() == 200 && mine.body().contains("\"ASSIGNED\"")) {
                break;
            }
            away.remove(leaver);
            pause(100);
        }
        call("PUT", "/api/v1/handoff/me/status", leaver, "{\"status\":\"OFFLINE\"}", ignored);
        pause(6000);
        call("PUT", "/api/v1/handoff/me/status", leaver, "{\"status\":\"ONLINE\"}", ignored);
        away.remove(leaver);
        while (!done.get()) {
            String token = tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()));
            String away = ThreadLocalRandom.current().nextBoolean() ? "OFFLINE" : "AWAY";
            call("PUT", "/api/v1/handoff/me/status", token, "{\"status\":\"" + away + "\"}", ignored);
            pause(100);
            call("PUT", "/api/v1/handoff/me/status", token, "{\"status\":\"ONLINE\"}", ignored);
            pause(200);
        }
    }

    private static void pause(long millis) {
        // the flapper's rhythm, on its own thread: not a wait for a result
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(millis).toNanos());
    }

    private HttpResponse<String> call(String method, String path, String token, String body,
            Map<Integer, Integer> codes) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                    .timeout(Duration.ofSeconds(90)).header("Authorization", "Bearer " + token);
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            codes.merge(response.statusCode(), 1, Integer::sum);
            return response;
        } catch (Exception e) {
            return null;
        }
    }

    static int maxConcurrent(List<Assignment> list) {
        List<long[]> points = new ArrayList<>();
        for (Assignment a : list) {
            points.add(new long[] { micros(a.assignedAt), 1 });
            points.add(new long[] { a.endedAt == null ? Long.MAX_VALUE : micros(a.endedAt), -1 });
        }
        // at the same instant an end comes before a start
        points.sort(Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
        int current = 0;
        int max = 0;
        for (long[] p : points) {
            current += (int) p[1];
            max = Math.max(max, current);
        }
        return max;
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
    }

    private static Map<String, Long> eventsOf(List<String> conversations) {
        java.util.Set<String> mine = java.util.Set.copyOf(conversations);
        Map<String, String> byId = new HashMap<>();
        for (ConsumerRecord<String, String> r : KafkaTopics.readAll(Topics.HANDOFF_EVENT)) {
            if (mine.contains(r.key())) {
                byId.put(KafkaTopics.header(r, "ce_id"), JsonPath.from(r.value()).getString("type"));
            }
        }
        return byId.values().stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
    }

    private static long count(String tenant, String status) {
        return query(() -> Panache.withSession(() -> QueueEntry.count("tenantId = ?1 and status = ?2", tenant,
                status)));
    }

    private static List<Assignment> assignments(String tenant) {
        return query(() -> Panache.withSession(() -> Assignment.<Assignment>list("tenantId", tenant)));
    }

    private static <T> T query(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> query) {
        try {
            return VertxContextSupport.subscribeAndAwait(query);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
