package io.lingxi.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.TestJwt;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the gateway's tests do again and again: make channels, post messages, play the bot. */
final class GatewayTestSupport {

    static final String TENANT = "shop";
    static final String ADMIN = TestJwt.token(TENANT, "admin");

    private GatewayTestSupport() {
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a channel of the test tenant from {@code json} (without id); answers its id and key. */
    static String[] channel(String prefix, String json) {
        String id = prefix + "-" + shortId();
        String body = "{\"id\":\"" + id + "\"," + json.substring(json.indexOf('{') + 1);
        String key = given().header("Authorization", "Bearer " + ADMIN).contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/channels").then().statusCode(201).extract().path("apiKey");
        return new String[] {id, key};
    }

    static ValidatableResponse post(String channel, String key, String body) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key).body(body)
                .post("/api/v1/channels/" + channel + "/messages").then();
    }

    static String text(String customer, String text) {
        return "{\"messageId\":\"m-%s\",\"customerId\":\"%s\",\"text\":\"%s\"}".formatted(UUID.randomUUID(), customer, text);
    }

    /** Starts a conversation of {@code customer}; answers its id. */
    static String converse(String channel, String key, String customer) {
        return post(channel, key, text(customer, "你好")).statusCode(202).extract().path("conversationId");
    }

    /** Plays the bot: a reply event on cs.reply.v1 with the given event id. */
    static void reply(String eventId, String replyId, String channel, String conversationId, String text) {
        reply(eventId, replyId, channel, conversationId, text, "[]");
    }

    static void reply(String eventId, String replyId, String channel, String conversationId, String text,
            String quickReplies) {
        String value = """
                {"replyId":"%s","tenantId":"%s","channelId":"%s","conversationId":"%s","sender":"BOT","language":"zh",
                 "text":"%s","quickReplies":%s,"createdAt":"2026-11-24T10:00:00Z"}"""
                .formatted(replyId, TENANT, channel, conversationId, text, quickReplies);
        KafkaTopics.send(Topics.REPLY, conversationId, value,
                KafkaTopics.cloudEventHeaders(eventId, EventTypes.REPLY_CREATED, conversationId, TENANT));
    }

    static List<ConsumerRecord<String, String>> eventsOf(String topic, String marker) {
        return KafkaTopics.readAll(topic).stream().filter(r -> r.value().contains(marker)).toList();
    }

    static void awaitUntil(Runnable assertion) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(assertion::run);
    }
}
