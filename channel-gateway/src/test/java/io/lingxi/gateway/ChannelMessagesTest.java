package io.lingxi.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.gateway.service.ChannelService;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class ChannelMessagesTest {

    private static final String KEY = "test-web-key";

    @Inject
    ChannelService channels;

    @BeforeEach
    void otherTenantChannel() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> channels.register("acme", "acme-app", "app", "acme-key"));
    }

    @Test
    void acceptsAMessagePublishesItOnceAndShowsTheReply() {
        String messageId = "m-" + UUID.randomUUID();
        String conversationId = post("web", KEY, message(messageId, "cust-1", "你好"))
                .statusCode(202)
                .body("messageId", equalTo(messageId))
                .body("duplicate", is(false))
                .extract().path("conversationId");

        ConsumerRecord<String, String> event = awaitOne(Topics.MESSAGE_RECEIVED, messageId);
        assertThat(event.key()).isEqualTo(conversationId);
        assertThat(KafkaTopics.header(event, "ce_type")).isEqualTo(EventTypes.MESSAGE_RECEIVED);
        assertThat(KafkaTopics.header(event, "ce_subject")).isEqualTo(conversationId);
        assertThat(KafkaTopics.header(event, "ce_tenantid")).isEqualTo("demo");
        assertThat(KafkaTopics.header(event, "ce_correlationid")).isEqualTo(KafkaTopics.header(event, "ce_id"));
        assertThat(event.value()).contains("\"text\":\"你好\"", "\"customerId\":\"cust-1\"", "\"channelType\":\"web\"");

        // the same message again: same conversation, nothing new on the topic
        post("web", KEY, message(messageId, "cust-1", "你好"))
                .statusCode(202)
                .body("conversationId", equalTo(conversationId))
                .body("duplicate", is(true));
        assertThat(eventsOf(Topics.MESSAGE_RECEIVED, messageId)).hasSize(1);

        // a reply arrives (twice: redelivery) and is shown once, after the customer's message
        String replyId = UUID.randomUUID().toString();
        String reply = """
                {"replyId":"%s","tenantId":"demo","channelId":"web","conversationId":"%s","customerId":"cust-1",
                 "inReplyTo":"%s","sender":"BOT","language":"zh","text":"您好！请问有什么可以帮您？",
                 "quickReplies":[{"label":"查订单","payload":"我想查订单"}],"createdAt":"2026-11-24T10:00:00Z"}
                """.formatted(replyId, conversationId, messageId);
        for (int i = 0; i < 2; i++) {
            KafkaTopics.send(Topics.REPLY, conversationId, reply,
                    KafkaTopics.cloudEventHeaders(replyId, EventTypes.REPLY_CREATED, conversationId, "demo"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> conversation("web", KEY, conversationId)
                .statusCode(200)
                .body("messages", hasSize(2))
                .body("messages[0].sender", equalTo("customer"))
                .body("messages[0].text", equalTo("你好"))
                .body("messages[1].sender", equalTo("bot"))
                .body("messages[1].text", equalTo("您好！请问有什么可以帮您？"))
                .body("messages[1].quickReplies[0].label", equalTo("查订单"))
                .body("messages[1].inReplyTo", equalTo(messageId)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(eventsOf(Topics.DELIVERY, replyId)).isNotEmpty()
                        .allSatisfy(r -> assertThat(r.value()).contains("\"status\":\"DELIVERED\"")));
        // both deliveries of the reply report under one event id, so analytics counts it once
        assertThat(eventsOf(Topics.DELIVERY, replyId).stream().map(r -> KafkaTopics.header(r, "ce_id")).distinct())
                .hasSize(1);
    }

    @Test
    void sameCustomerKeepsOneConversation() {
        String customer = "cust-" + UUID.randomUUID();
        String first = post("web", KEY, message("a-" + UUID.randomUUID(), customer, "hello")).statusCode(202)
                .extract().path("conversationId");
        post("web", KEY, message("b-" + UUID.randomUUID(), customer, "where is my parcel")).statusCode(202)
                .body("conversationId", equalTo(first));
        conversation("web", KEY, first).statusCode(200).body("messages", hasSize(2));
    }

    @Test
    void rejectsBadRequestsWithProblemDetailsAndWritesNothing() {
        String messageId = "bad-" + UUID.randomUUID();
        post("web", null, message(messageId, "c", "hi")).statusCode(401)
                .contentType("application/problem+json").body("status", is(401)).body("title", equalTo("Unauthorized"));
        post("web", "wrong-key", message(messageId, "c", "hi")).statusCode(401)
                .contentType("application/problem+json");
        post("acme-app", KEY, message(messageId, "c", "hi")).statusCode(401);
        post("nope", KEY, message(messageId, "c", "hi")).statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("There is no channel 'nope'."));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + KEY)
                .body("{\"messageId\": \"x\", \"text\": ").post("/api/v1/channels/web/messages")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
        post("web", KEY, "{\"messageId\":\"" + messageId + "\",\"customerId\":\"c\"}").statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("text"));
        post("web", KEY, message(messageId, "c", "长".repeat(8 * 1024))).statusCode(400)
                .body("errors.field", hasItem("text"));
        post("web", KEY, message("has space", "c", "hi")).statusCode(400).body("errors.field", hasItem("messageId"));

        assertThat(eventsOf(Topics.MESSAGE_RECEIVED, messageId)).isEmpty();
    }

    @Test
    void aChannelCannotReadAnotherTenantsConversation() {
        String conversationId = post("web", KEY, message("t-" + UUID.randomUUID(), "cust-x", "我的订单"))
                .statusCode(202).extract().path("conversationId");
        conversation("acme-app", "acme-key", conversationId).statusCode(404)
                .contentType("application/problem+json");
        conversation("web", "acme-key", conversationId).statusCode(401);
        conversation("web", KEY, conversationId).statusCode(200).body("conversationId", notNullValue());
    }

    @Test
    void aPoisonReplyGoesToTheDeadLetterTopic() {
        String id = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.REPLY, "conv-poison", "{not json " + id,
                KafkaTopics.cloudEventHeaders(id, EventTypes.REPLY_CREATED, "conv-poison", "demo"));
        String unknown = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.REPLY, "conv-missing", """
                {"replyId":"%s","tenantId":"demo","channelId":"web","conversationId":"conv-missing","sender":"BOT","text":"hi"}
                """.formatted(unknown), KafkaTopics.cloudEventHeaders(unknown, EventTypes.REPLY_CREATED, "conv-missing", "demo"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(eventsOf(Topics.dlq(Topics.REPLY), id)).hasSize(1);
            assertThat(eventsOf(Topics.dlq(Topics.REPLY), unknown)).hasSize(1)
                    .allSatisfy(r -> assertThat(KafkaTopics.header(r, "dead-letter-reason")).contains("unknown conversation"));
        });
    }

    @Test
    void healthChecksTheDatabaseAndTheBroker() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/channels/{channelId}/messages"));
    }

    private static ConsumerRecord<String, String> awaitOne(String topic, String marker) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !eventsOf(topic, marker).isEmpty());
        return eventsOf(topic, marker).get(0);
    }

    private static List<ConsumerRecord<String, String>> eventsOf(String topic, String marker) {
        return KafkaTopics.readAll(topic).stream().filter(r -> r.value().contains(marker)).toList();
    }

    private static String message(String messageId, String customerId, String text) {
        return "{\"messageId\":\"%s\",\"customerId\":\"%s\",\"text\":\"%s\"}".formatted(messageId, customerId, text);
    }

    private static ValidatableResponse post(String channel, String key, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.post("/api/v1/channels/" + channel + "/messages").then();
    }

    private static ValidatableResponse conversation(String channel, String key, String conversationId) {
        return given().header("Authorization", "Bearer " + key)
                .get("/api/v1/channels/" + channel + "/conversations/" + conversationId + "/messages").then();
    }
}
