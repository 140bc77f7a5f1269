package io.lingxi.handoff;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.handoff.domain.OutboxEvent;
import io.lingxi.handoff.domain.ProcessedEvent;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "handoff_test"))
@WithTestResource(JwtTestResource.class)
class HandoffQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** What the first customer hears while no agent of the tenant is online. */
    private static final String NEXT_NOBODY_ONLINE = "正在为您转接人工客服，您是下一位。当前暂无客服在线，您可以直接留言，客服上线后会尽快回复您。";

    @Test
    void queuesTheConversationAndTellsTheCustomerInChinese() {
        String tenant = tenant();
        String conversation = "conv-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        requestHandoff(eventId, tenant, conversation, "msg-1", "NORMAL", "zh", "after_sales");

        await().atMost(WAIT).untilAsserted(() -> queue(TestJwt.token(tenant, "agent"))
                .statusCode(200)
                .body("entries", hasSize(1))
                .body("entries[0].conversationId", equalTo(conversation))
                .body("entries[0].channelId", equalTo("web"))
                .body("entries[0].reason", equalTo("customer_request"))
                .body("entries[0].skillGroup", equalTo("after_sales"))
                .body("entries[0].priority", equalTo("NORMAL"))
                .body("entries[0].language", equalTo("zh"))
                .body("entries[0].position", is(1))
                .body("entries[0].requestedAt", notNullValue())
                .body("entries[0].waitingSeconds", greaterThanOrEqualTo(0)));

        ConsumerRecord<String, String> reply = awaitEvent(Topics.REPLY, EventIds.derive(eventId, "queued-reply"));
        assertThat(reply.key()).isEqualTo(conversation);
        assertThat(KafkaTopics.header(reply, "ce_type")).isEqualTo(EventTypes.REPLY_CREATED);
        assertThat(KafkaTopics.header(reply, "ce_subject")).isEqualTo(conversation);
        assertThat(KafkaTopics.header(reply, "ce_tenantid")).isEqualTo(tenant);
        assertThat(KafkaTopics.header(reply, "ce_correlationid")).isEqualTo(eventId);
        JsonPath replyJson = JsonPath.from(reply.value());
        assertThat(replyJson.getString("sender")).isEqualTo("SYSTEM");
        assertThat(replyJson.getString("text")).isEqualTo(NEXT_NOBODY_ONLINE);
        assertThat(replyJson.getString("language")).isEqualTo("zh");
        assertThat(replyJson.getString("inReplyTo")).isEqualTo("msg-1");
        assertThat(replyJson.getString("replyId")).isEqualTo(EventIds.derive(eventId, "queued-reply"));
        assertThat(replyJson.getString("customerId")).isEqualTo("cust-" + conversation);

        ConsumerRecord<String, String> queued = awaitEvent(Topics.HANDOFF_EVENT, EventIds.derive(eventId, "queued"));
        assertThat(queued.key()).isEqualTo(conversation);
        assertThat(KafkaTopics.header(queued, "ce_type")).isEqualTo("cs.handoff.queued");
        assertThat(KafkaTopics.header(queued, "ce_tenantid")).isEqualTo(tenant);
        assertThat(KafkaTopics.header(queued, "ce_correlationid")).isEqualTo(eventId);
        JsonPath queuedJson = JsonPath.from(queued.value());
        assertThat(queuedJson.getString("type")).isEqualTo("QUEUED");
        assertThat(queuedJson.getInt("position")).isEqualTo(1);
        assertThat(queuedJson.getString("skillGroup")).isEqualTo("after_sales");
        assertThat(queuedJson.getString("queueEntryId")).isNotBlank();
    }

    @Test
    void aSecondConversationWaitsBehindTheFirstAndHearsItInEnglish() {
        String tenant = tenant();
        String first = "conv-" + UUID.randomUUID();
        String second = "conv-" + UUID.randomUUID();
        String firstEvent = UUID.randomUUID().toString();
        String secondEvent = UUID.randomUUID().toString();
        requestHandoff(firstEvent, tenant, first, "m1", "NORMAL", "zh", "general");
        awaitEvent(Topics.HANDOFF_EVENT, EventIds.derive(firstEvent, "queued"));
        requestHandoff(secondEvent, tenant, second, "m2", "NORMAL", "en", "general");

        ConsumerRecord<String, String> reply = awaitEvent(Topics.REPLY, EventIds.derive(secondEvent, "queued-reply"));
        assertThat(JsonPath.from(reply.value()).getString("text"))
                .isEqualTo("Connecting you to a human agent. There is 1 customer ahead of you. No agent is online right "
                        + "now; you can leave a message here and an agent will get back to you as soon as possible.");
        assertThat(JsonPath.from(reply.value()).getString("language")).isEqualTo("en");
        assertThat(JsonPath.from(reply.value()).getString("sender")).isEqualTo("SYSTEM");
        assertThat(JsonPath.from(awaitEvent(Topics.HANDOFF_EVENT, EventIds.derive(secondEvent, "queued")).value())
                .getInt("position")).isEqualTo(2);

        queue(TestJwt.token(tenant, "supervisor")).statusCode(200)
                .body("entries.conversationId", contains(first, second))
                .body("entries.position", contains(1, 2))
                .body("entries.language", contains("zh", "en"));
    }

    @Test
    void anUrgentRequestGoesToTheFrontOfTheQueue() {
        String tenant = tenant();
        String normal1 = "conv-" + UUID.randomUUID();
        String normal2 = "conv-" + UUID.randomUUID();
        String urgent = "conv-" + UUID.randomUUID();
        String urgentEvent = UUID.randomUUID().toString();
        for (String conversation : List.of(normal1, normal2)) {
            String id = UUID.randomUUID().toString();
            requestHandoff(id, tenant, conversation, "m", "NORMAL", "zh", "general");
            awaitEvent(Topics.HANDOFF_EVENT, EventIds.derive(id, "queued"));
        }
        requestHandoff(urgentEvent, tenant, urgent, "m", "URGENT", "zh", "general");

        assertThat(JsonPath.from(awaitEvent(Topics.REPLY, EventIds.derive(urgentEvent, "queued-reply")).value())
                .getString("text")).isEqualTo(NEXT_NOBODY_ONLINE);
        assertThat(JsonPath.from(awaitEvent(Topics.HANDOFF_EVENT, EventIds.derive(urgentEvent, "queued")).value())
                .getInt("position")).isEqualTo(1);
        queue(TestJwt.token(tenant, "admin")).statusCode(200)
                .body("entries.conversationId", contains(urgent, normal1, normal2))
                .body("entries.position", contains(1, 2, 3))
                .body("entries.priority", contains("URGENT", "NORMAL", "NORMAL"));
    }

    @Test
    void aRedeliveredRequestQueuesOnceAndRepeatsNothing() {
        String tenant = tenant();
        String conversation = "conv-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String askedAgain = UUID.randomUUID().toString();
        requestHandoff(eventId, tenant, conversation, "m1", "NORMAL", "zh", "general");
        requestHandoff(eventId, tenant, conversation, "m1", "NORMAL", "zh", "general");
        // the customer asks again (a new request): processed after both copies, since it shares their partition
        requestHandoff(askedAgain, tenant, conversation, "m2", "NORMAL", "zh", "general");

        ConsumerRecord<String, String> again = awaitEvent(Topics.REPLY, EventIds.derive(askedAgain, "queued-reply"));
        assertThat(JsonPath.from(again.value()).getString("text")).isEqualTo(NEXT_NOBODY_ONLINE);
        assertThat(JsonPath.from(again.value()).getString("inReplyTo")).isEqualTo("m2");

        List<ConsumerRecord<String, String>> replies = eventsOfConversation(Topics.REPLY, conversation);
        assertThat(replies).extracting(r -> KafkaTopics.header(r, "ce_id")).containsOnly(
                EventIds.derive(eventId, "queued-reply"), EventIds.derive(askedAgain, "queued-reply"));
        assertThat(replies).filteredOn(r -> KafkaTopics.header(r, "ce_id").equals(EventIds.derive(eventId, "queued-reply")))
                .hasSize(1);
        // joining the queue happened once; asking again while waiting is no new handoff
        assertThat(eventsOfConversation(Topics.HANDOFF_EVENT, conversation))
                .extracting(r -> KafkaTopics.header(r, "ce_id")).containsExactly(EventIds.derive(eventId, "queued"));
        queue(TestJwt.token(tenant, "agent")).statusCode(200)
                .body("entries", hasSize(1))
                .body("entries[0].conversationId", equalTo(conversation));
    }

    @Test
    void aRedeliveryAfterACrashBetweenCommitAndSendSendsTheStoredEvents() throws Throwable {
        String tenant = tenant();
        String conversation = "conv-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String replyId = EventIds.derive(eventId, "queued-reply");
        // the state a crash right after the commit leaves behind: processed, but the reply never sent
        store(ProcessedEvent.of(eventId, Instant.now()), outboxReply(eventId, replyId, tenant, conversation, Instant.now()));

        requestHandoff(eventId, tenant, conversation, "m1", "NORMAL", "zh", "general");

        ConsumerRecord<String, String> reply = awaitEvent(Topics.REPLY, replyId);
        assertThat(reply.key()).isEqualTo(conversation);
        assertThat(KafkaTopics.header(reply, "ce_type")).isEqualTo(EventTypes.REPLY_CREATED);
        assertThat(JsonPath.from(reply.value()).getString("text")).isEqualTo("stored before the crash");
        await().atMost(WAIT).until(() -> publishedAt(replyId) != null);
        // the request was processed before the crash: it is not queued a second time
        queue(TestJwt.token(tenant, "agent")).statusCode(200).body("entries", hasSize(0));
    }

    @Test
    void theSweeperSendsEventsThatWereCommittedButNeverSent() throws Throwable {
        String tenant = tenant();
        String conversation = "conv-" + UUID.randomUUID();
        String inputId = UUID.randomUUID().toString();
        String replyId = EventIds.derive(inputId, "queued-reply");
        store(ProcessedEvent.of(inputId, Instant.now()),
                outboxReply(inputId, replyId, tenant, conversation, Instant.now().minus(1, ChronoUnit.HOURS)));

        ConsumerRecord<String, String> reply = awaitEvent(Topics.REPLY, replyId);
        assertThat(KafkaTopics.header(reply, "ce_tenantid")).isEqualTo(tenant);
        await().atMost(WAIT).until(() -> publishedAt(replyId) != null);
    }

    @Test
    void poisonRequestsGoToTheDeadLetterTopic() {
        String tenant = tenant();
        String malformed = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.HANDOFF_REQUESTED, "conv-poison", "{not json " + malformed,
                KafkaTopics.cloudEventHeaders(malformed, EventTypes.HANDOFF_REQUESTED, "conv-poison", tenant));
        String incomplete = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.HANDOFF_REQUESTED, "conv-x", """
                {"requestId":"%s","tenantId":"%s","channelId":"web"}""".formatted(incomplete, tenant),
                KafkaTopics.cloudEventHeaders(incomplete, EventTypes.HANDOFF_REQUESTED, "conv-x", tenant));
        String otherTenant = UUID.randomUUID().toString();
        String conversation = "conv-" + UUID.randomUUID();
        KafkaTopics.send(Topics.HANDOFF_REQUESTED, conversation,
                request(otherTenant, "someone-else", conversation, "m", "NORMAL", "zh", "general"),
                KafkaTopics.cloudEventHeaders(otherTenant, EventTypes.HANDOFF_REQUESTED, conversation, tenant));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = KafkaTopics.readAll(Topics.dlq(Topics.HANDOFF_REQUESTED));
            assertThat(dead).filteredOn(r -> malformed.equals(KafkaTopics.header(r, "ce_id"))).hasSize(1);
            assertThat(dead).filteredOn(r -> incomplete.equals(KafkaTopics.header(r, "ce_id"))).hasSize(1)
                    .allSatisfy(r -> assertThat(KafkaTopics.header(r, "dead-letter-reason")).contains("conversationId"));
            assertThat(dead).filteredOn(r -> otherTenant.equals(KafkaTopics.header(r, "ce_id"))).hasSize(1)
                    .allSatisfy(r -> assertThat(KafkaTopics.header(r, "dead-letter-reason")).contains("tenant"));
        });
        queue(TestJwt.token(tenant, "agent")).statusCode(200).body("entries", hasSize(0));
        queue(TestJwt.token("someone-else", "agent")).statusCode(200).body("entries", hasSize(0));
        assertThat(eventsOfConversation(Topics.REPLY, conversation)).isEmpty();
    }

    @Test
    void aTenantSeesOnlyItsOwnQueue() {
        String acme = tenant();
        String globex = tenant();
        String acmeConversation = "conv-" + UUID.randomUUID();
        String globexConversation = "conv-" + UUID.randomUUID();
        String acmeEvent = UUID.randomUUID().toString();
        String globexEvent = UUID.randomUUID().toString();
        requestHandoff(acmeEvent, acme, acmeConversation, "m", "NORMAL", "zh", "general");
        requestHandoff(globexEvent, globex, globexConversation, "m", "NORMAL", "zh", "general");
        awaitEvent(Topics.HANDOFF_EVENT, EventIds.derive(acmeEvent, "queued"));
        // another tenant's customers are not ahead of this one
        assertThat(JsonPath.from(awaitEvent(Topics.HANDOFF_EVENT, EventIds.derive(globexEvent, "queued")).value())
                .getInt("position")).isEqualTo(1);

        queue(TestJwt.token(acme, "agent")).statusCode(200)
                .body("entries.conversationId", contains(acmeConversation))
                .body("entries.position", contains(1));
        queue(TestJwt.token(globex, "agent")).statusCode(200)
                .body("entries.conversationId", contains(globexConversation))
                .body("entries.position", contains(1));
    }

    @Test
    void theQueueNeedsAnAgentSupervisorOrAdminToken() {
        given().get("/api/v1/handoff/queue").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"lingxi\""))
                .body("status", is(401)).body("title", equalTo("Unauthorized"));
        queue("not-a-jwt").statusCode(401).contentType("application/problem+json");
        queue(TestJwt.token("demo", "analyst")).statusCode(403)
                .contentType("application/problem+json")
                .body("status", is(403)).body("title", equalTo("Forbidden"));
        queue(TestJwt.token("demo", "customer")).statusCode(403);
        for (String role : List.of("agent", "supervisor", "admin")) {
            queue(TestJwt.token(tenant(), role)).statusCode(200).body("entries", hasSize(0));
        }
    }

    @Test
    void healthChecksTheDatabaseAndTheBrokerAndTheApiIsDocumented() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/handoff/queue"));
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void requestHandoff(String eventId, String tenant, String conversation, String messageId,
            String priority, String language, String skillGroup) {
        KafkaTopics.send(Topics.HANDOFF_REQUESTED, conversation,
                request(eventId, tenant, conversation, messageId, priority, language, skillGroup),
                KafkaTopics.cloudEventHeaders(eventId, EventTypes.HANDOFF_REQUESTED, conversation, tenant));
    }

    private static String request(String requestId, String tenant, String conversation, String messageId,
            String priority, String language, String skillGroup) {
        return """
                {"requestId":"%s","tenantId":"%s","channelId":"web","conversationId":"%s","customerId":"cust-%s",
                 "messageId":"%s","reason":"customer_request","skillGroup":"%s","priority":"%s","language":"%s",
                 "summary":{"intents":["human"],"entities":[],"lastMessages":[{"sender":"CUSTOMER","text":"转人工"}]},
                 "requestedAt":"%s"}
                """.formatted(requestId, tenant, conversation, conversation, messageId, skillGroup, priority, language,
                Instant.now());
    }

    private static ValidatableResponse queue(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/handoff/queue").then();
    }

    private static ConsumerRecord<String, String> awaitEvent(String topic, String ceId) {
        await().atMost(WAIT).until(() -> !eventsWithId(topic, ceId).isEmpty());
        return eventsWithId(topic, ceId).get(0);
    }

    private static List<ConsumerRecord<String, String>> eventsWithId(String topic, String ceId) {
        return KafkaTopics.readAll(topic).stream().filter(r -> ceId.equals(KafkaTopics.header(r, "ce_id"))).toList();
    }

    private static List<ConsumerRecord<String, String>> eventsOfConversation(String topic, String conversation) {
        return KafkaTopics.readAll(topic).stream().filter(r -> conversation.equals(r.key())).toList();
    }

    private static OutboxEvent outboxReply(String inputId, String replyId, String tenant, String conversation,
            Instant createdAt) {
        OutboxEvent row = new OutboxEvent();
        row.id = replyId;
        row.inputEventId = inputId;
        row.topic = Topics.REPLY;
        row.kafkaKey = conversation;
        row.ceType = EventTypes.REPLY_CREATED;
        row.tenantId = tenant;
        row.correlationId = inputId;
        row.payload = """
                {"replyId":"%s","tenantId":"%s","channelId":"web","conversationId":"%s","sender":"SYSTEM",
                 "language":"zh","text":"stored before the crash"}""".formatted(replyId, tenant, conversation);
        row.createdAt = createdAt;
        return row;
    }

    private static void store(Object... rows) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> OutboxEvent.persist(rows[0], java.util.Arrays.copyOfRange(rows, 1, rows.length))));
    }

    private static Instant publishedAt(String outboxId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                    () -> OutboxEvent.<OutboxEvent>findById(outboxId).map(row -> row.publishedAt)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
