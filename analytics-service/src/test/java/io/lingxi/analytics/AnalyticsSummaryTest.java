package io.lingxi.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;

import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "analytics_test"))
@WithTestResource(JwtTestResource.class)
class AnalyticsSummaryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** One event to send: topic, id, JSON. */
    private record Event(String topic, String id, String type, String json) {
    }

    @Test
    void countsEachEventOncePerChannel() throws Throwable {
        String tenant = tenant();
        // one key for everything, so each topic's events share a partition and are consumed in order
        String key = "conv-" + UUID.randomUUID();
        List<Event> events = new ArrayList<>();
        events.add(message(tenant, "web", key));
        events.add(message(tenant, "web", key));
        events.add(message(tenant, "web", key));
        events.add(message(tenant, "app", key));
        events.add(reply(tenant, "web", key, "BOT"));
        events.add(reply(tenant, "web", key, "AGENT"));
        events.add(reply(tenant, "app", key, "SYSTEM"));
        events.add(handoff(tenant, "web", key, "QUEUED"));
        events.add(handoff(tenant, "web", key, "AGENT_ASSIGNED"));
        events.add(handoff(tenant, "app", key, "QUEUED"));
        events.forEach(event -> send(event, tenant, key));

        await().atMost(WAIT).untilAsserted(() -> summary(TestJwt.token(tenant, "analyst"))
                .statusCode(200)
                .body("tenantId", equalTo(tenant))
                .body("totals.messages", is(4))
                .body("totals.replies", is(3))
                .body("totals.agentReplies", is(1))
                .body("totals.handoffs", is(2))
                .body("channels.channelId", contains("app", "web"))
                .body("channels.messages", contains(1, 3))
                .body("channels.replies", contains(1, 2))
                .body("channels.agentReplies", contains(0, 1))
                .body("channels.handoffs", contains(1, 1)));

        // every event redelivered, then one new event per topic behind them: once the new ones are counted,
        // the repeats have been consumed too, and they changed nothing
        events.forEach(event -> send(event, tenant, key));
        send(message(tenant, "web", key), tenant, key);
        send(reply(tenant, "web", key, "AGENT"), tenant, key);
        send(handoff(tenant, "web", key, "QUEUED"), tenant, key);

        await().atMost(WAIT).untilAsserted(() -> summary(TestJwt.token(tenant, "admin"))
                .statusCode(200)
                .body("totals.messages", is(5))
                .body("totals.replies", is(4))
                .body("totals.agentReplies", is(2))
                .body("totals.handoffs", is(3))
                .body("channels.channelId", contains("app", "web"))
                .body("channels.messages", contains(1, 4))
                .body("channels.replies", contains(1, 3))
                .body("channels.agentReplies", contains(0, 2))
                .body("channels.handoffs", contains(1, 2)));

        // the messages carried a phone number as customer id and in the text: neither is stored
        assertThat(storedRows()).isNotEmpty().noneMatch(row -> row.contains("13800138000") || row.contains("手机号"));
    }

    @Test
    void aTenantSeesOnlyItsOwnCounts() {
        String acme = tenant();
        String globex = tenant();
        String key = "conv-" + UUID.randomUUID();
        send(message(acme, "web", key), acme, key);
        send(message(acme, "web", key), acme, key);
        send(message(globex, "wechat", key), globex, key);

        await().atMost(WAIT).untilAsserted(() -> {
            summary(TestJwt.token(acme, "analyst")).statusCode(200)
                    .body("tenantId", equalTo(acme))
                    .body("totals.messages", is(2))
                    .body("channels.channelId", contains("web"));
            summary(TestJwt.token(globex, "analyst")).statusCode(200)
                    .body("tenantId", equalTo(globex))
                    .body("totals.messages", is(1))
                    .body("channels.channelId", contains("wechat"));
        });
        summary(TestJwt.token(tenant(), "analyst")).statusCode(200)
                .body("totals.messages", is(0)).body("totals.replies", is(0)).body("totals.handoffs", is(0))
                .body("channels", empty());
    }

    @Test
    void poisonEventsGoToTheDeadLetterTopicsAndCountNothing() {
        String tenant = tenant();
        String key = "conv-" + UUID.randomUUID();
        List<String> malformed = new ArrayList<>();
        for (String topic : List.of(Topics.MESSAGE_RECEIVED, Topics.REPLY, Topics.HANDOFF_EVENT)) {
            String id = UUID.randomUUID().toString();
            malformed.add(id);
            KafkaTopics.send(topic, key, "{not json " + id, KafkaTopics.cloudEventHeaders(id, "cs.test", key, tenant));
        }
        // the payload names another tenant than the header: never counted for either
        Event foreign = message("someone-else", "web", key);
        send(foreign, tenant, key);
        Event noChannel = new Event(Topics.REPLY, UUID.randomUUID().toString(), EventTypes.REPLY_CREATED, """
                {"replyId":"r","tenantId":"%s","conversationId":"%s","sender":"BOT","text":"hi"}""".formatted(tenant, key));
        send(noChannel, tenant, key);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(deadLetters(Topics.MESSAGE_RECEIVED, malformed.get(0))).hasSize(1);
            assertThat(deadLetters(Topics.REPLY, malformed.get(1))).hasSize(1);
            assertThat(deadLetters(Topics.HANDOFF_EVENT, malformed.get(2))).hasSize(1);
            assertThat(deadLetters(Topics.MESSAGE_RECEIVED, foreign.id())).hasSize(1)
                    .allSatisfy(r -> assertThat(KafkaTopics.header(r, "dead-letter-reason")).contains("tenant"));
            assertThat(deadLetters(Topics.REPLY, noChannel.id())).hasSize(1)
                    .allSatisfy(r -> assertThat(KafkaTopics.header(r, "dead-letter-reason")).contains("channelId"));
        });
        summary(TestJwt.token(tenant, "analyst")).statusCode(200).body("totals.messages", is(0))
                .body("totals.replies", is(0)).body("channels", empty());
        summary(TestJwt.token("someone-else", "analyst")).statusCode(200).body("totals.messages", is(0));
    }

    @Test
    void theSummaryNeedsAnAnalystOrAdminToken() {
        given().get("/api/v1/analytics/summary").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"lingxi\""))
                .body("status", is(401));
        summary("not-a-jwt").statusCode(401).contentType("application/problem+json");
        summary(TestJwt.token("demo", "agent")).statusCode(403).contentType("application/problem+json")
                .body("status", is(403)).body("title", equalTo("Forbidden"));
        summary(TestJwt.token("demo", "supervisor")).statusCode(403);
        summary(TestJwt.token("demo", "analyst")).statusCode(200).body("tenantId", equalTo("demo"));
        summary(TestJwt.token("demo", "admin")).statusCode(200).body("tenantId", equalTo("demo"));
    }

    @Test
    void healthChecksTheDatabaseAndTheBrokerAndTheApiIsDocumented() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/analytics/summary"));
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Event message(String tenant, String channel, String conversation) {
        String id = UUID.randomUUID().toString();
        return new Event(Topics.MESSAGE_RECEIVED, id, EventTypes.MESSAGE_RECEIVED, """
                {"messageId":"m-%s","tenantId":"%s","channelId":"%s","channelType":"web","conversationId":"%s",
                 "customerId":"13800138000","text":"我的手机号是13800138000","receivedAt":"2026-11-24T10:00:00Z"}"""
                .formatted(id, tenant, channel, conversation));
    }

    private static Event reply(String tenant, String channel, String conversation, String sender) {
        String id = UUID.randomUUID().toString();
        return new Event(Topics.REPLY, id, EventTypes.REPLY_CREATED, """
                {"replyId":"%s","tenantId":"%s","channelId":"%s","conversationId":"%s","sender":"%s",
                 "language":"zh","text":"您好","createdAt":"2026-11-24T10:00:01Z"}"""
                .formatted(id, tenant, channel, conversation, sender));
    }

    private static Event handoff(String tenant, String channel, String conversation, String type) {
        String id = UUID.randomUUID().toString();
        return new Event(Topics.HANDOFF_EVENT, id, "cs.handoff." + type.toLowerCase(), """
                {"type":"%s","tenantId":"%s","channelId":"%s","conversationId":"%s","queueEntryId":"q-%s",
                 "skillGroup":"general","position":1,"occurredAt":"2026-11-24T10:00:02Z"}"""
                .formatted(type, tenant, channel, conversation, id));
    }

    private static void send(Event event, String headerTenant, String key) {
        KafkaTopics.send(event.topic(), key, event.json(),
                KafkaTopics.cloudEventHeaders(event.id(), event.type(), key, headerTenant));
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String topic, String ceId) {
        return KafkaTopics.readAll(Topics.dlq(topic)).stream()
                .filter(r -> ceId.equals(KafkaTopics.header(r, "ce_id"))).toList();
    }

    /** Every row analytics stores, as text. */
    private static List<String> storedRows() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(session -> session.<Object>createNativeQuery(
                        "SELECT CAST(c AS text) FROM counter c UNION ALL SELECT CAST(p AS text) FROM processed_event p").getResultList())
                .map(rows -> rows.stream().map(String::valueOf).toList())));
    }

    private static ValidatableResponse summary(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/analytics/summary").then();
    }
}
