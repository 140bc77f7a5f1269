package io.lingxi.gateway;

import static io.lingxi.gateway.GatewayTestSupport.ADMIN;
import static io.lingxi.gateway.GatewayTestSupport.TENANT;
import static io.lingxi.gateway.GatewayTestSupport.awaitUntil;
import static io.lingxi.gateway.GatewayTestSupport.channel;
import static io.lingxi.gateway.GatewayTestSupport.converse;
import static io.lingxi.gateway.GatewayTestSupport.eventsOf;
import static io.lingxi.gateway.GatewayTestSupport.post;
import static io.lingxi.gateway.GatewayTestSupport.reply;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.lingxi.contracts.Topics;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** A phone conversation handed to a human: the IVR gets a transfer instruction with the call id, once. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class PhoneHandoffTest {

    @Test
    void aWebhookPhoneChannelGetsOneSignedTransferPerHandoffStepWithTheLatestCallId() throws Exception {
        String hook = "ivr-" + UUID.randomUUID();
        String id = "ivr-" + GatewayTestSupport.shortId();
        var created = given().header("Authorization", "Bearer " + ADMIN).contentType(ContentType.JSON)
                .body("{\"id\":\"%s\",\"type\":\"phone\",\"replyWebhookUrl\":\"%s\"}".formatted(id, FakeWebhook.url(hook)))
                .post("/api/v1/admin/channels").then().statusCode(201).extract();
        String key = created.path("apiKey");
        String secret = created.path("webhookSecret");
        String caller = "+86139" + GatewayTestSupport.shortId();
        String conversation = utterance(id, key, caller, "call-old", "我要退货");
        utterance(id, key, caller, "call-new", "转人工");
        String answer = UUID.randomUUID().toString();
        reply(answer, answer, id, conversation, "好的，正在为您转接。");

        String entry = UUID.randomUUID().toString();
        String queued = UUID.randomUUID().toString();
        handoff(queued, "QUEUED", conversation, entry, "after_sales", null, 3);
        handoff(queued, "QUEUED", conversation, entry, "after_sales", null, 3); // the same event, redelivered
        handoff(UUID.randomUUID().toString(), "OFFERED", conversation, entry, "after_sales", "agent-li", null);
        handoff(UUID.randomUUID().toString(), "AGENT_ASSIGNED", conversation, entry, "after_sales", "agent-li", null);

        FakeWebhook.Endpoint endpoint = FakeWebhook.endpoint(hook);
        awaitUntil(() -> assertThat(endpoint.received).hasSize(3));
        List<JsonPath> bodies = endpoint.received.stream().map(r -> JsonPath.from(r.body())).toList();
        // in order with the replies: the bot's answer first, then the two transfer steps
        assertThat(bodies.get(0).getString("type")).isEqualTo("reply");
        JsonPath transfer = bodies.get(1);
        assertThat(transfer.getString("type")).isEqualTo("transfer");
        assertThat(transfer.getString("status")).isEqualTo("queued");
        assertThat(transfer.getString("callId")).isEqualTo("call-new");
        assertThat(transfer.getString("skillGroup")).isEqualTo("after_sales");
        assertThat(transfer.getInt("queuePosition")).isEqualTo(3);
        assertThat(transfer.getString("agentId")).isNull();
        assertThat(transfer.getString("conversationId")).isEqualTo(conversation);
        assertThat(transfer.getString("customerId")).isEqualTo(caller);
        assertThat(transfer.getList("speech", String.class)).containsExactly("正在为您转接人工客服，请稍候。");
        JsonPath assigned = bodies.get(2);
        assertThat(assigned.getString("type")).isEqualTo("transfer");
        assertThat(assigned.getString("status")).isEqualTo("agent_assigned");
        assertThat(assigned.getString("agentId")).isEqualTo("agent-li");
        assertThat(assigned.getString("callId")).isEqualTo("call-new");
        for (FakeWebhook.Received received : endpoint.received) {
            String timestamp = received.headers().get("x-lingxi-timestamp");
            assertThat(received.headers().get("x-lingxi-signature"))
                    .isEqualTo("v1=" + hmac(secret, timestamp + "." + received.body()));
        }
        // the reply is reported on cs.delivery.v1; transfer instructions are not replies
        awaitUntil(() -> assertThat(eventsOf(Topics.DELIVERY, answer)).hasSize(1));
        assertThat(eventsOf(Topics.DELIVERY, conversation)).hasSize(1);
        assertThat(endpoint.received).hasSize(3);
    }

    @Test
    void aPulledPhoneChannelSeesTheTransferInTheConversationAndOtherChannelsDoNot() {
        String[] phone = channel("ivr", "{\"type\":\"phone\"}");
        String caller = "+86137" + GatewayTestSupport.shortId();
        String conversation = utterance(phone[0], phone[1], caller, "call-9", "人工服务");
        String entry = UUID.randomUUID().toString();
        handoff(UUID.randomUUID().toString(), "QUEUED", conversation, entry, "billing", null, 1);
        // another event id for the same step of the same queue entry (a re-emitted event) adds nothing
        handoff(UUID.randomUUID().toString(), "QUEUED", conversation, entry, "billing", null, 1);

        String[] app = channel("app", "{\"type\":\"app\"}");
        String appConversation = converse(app[0], app[1], "app-" + UUID.randomUUID());
        handoff(UUID.randomUUID().toString(), "QUEUED", appConversation, UUID.randomUUID().toString(), "billing",
                null, 1);
        String marker = UUID.randomUUID().toString();
        reply(marker, marker, phone[0], conversation, "marker");

        awaitUntil(() -> given().header("Authorization", "Bearer " + phone[1])
                .get("/api/v1/channels/" + phone[0] + "/conversations/" + conversation + "/messages").then()
                .statusCode(200)
                .body("messages", hasSize(3))
                .body("messages[1].kind", equalTo("transfer"))
                .body("messages[1].sender", equalTo("system"))
                .body("messages[1].payload.callId", equalTo("call-9"))
                .body("messages[1].payload.skillGroup", equalTo("billing"))
                .body("messages[1].payload.status", equalTo("queued"))
                .body("messages[1].speech[0]", equalTo("正在为您转接人工客服，请稍候。"))
                .body("messages[2].text", equalTo("marker")));
        // handed over too, but not a phone channel: no transfer line (a reply sent after it arrives on its own)
        String after = UUID.randomUUID().toString();
        reply(after, after, app[0], appConversation, "after");
        awaitUntil(() -> given().header("Authorization", "Bearer " + app[1])
                .get("/api/v1/channels/" + app[0] + "/conversations/" + appConversation + "/messages").then()
                .statusCode(200).body("messages", hasSize(2)).body("messages[1].text", equalTo("after")));
    }

    @Test
    void handoffEventsForUnknownOrAnotherTenantsConversationsGoToTheDeadLetterTopic() {
        String unknown = "no-such-" + UUID.randomUUID();
        handoff(UUID.randomUUID().toString(), "QUEUED", unknown, UUID.randomUUID().toString(), "billing", null, 1);
        String[] phone = channel("ivr", "{\"type\":\"phone\"}");
        String conversation = utterance(phone[0], phone[1], "+86136" + GatewayTestSupport.shortId(), "call-x", "喂");
        String foreign = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.HANDOFF_EVENT, conversation, event("QUEUED", "other-tenant", conversation, foreign,
                "billing", null, 1), KafkaTopics.cloudEventHeaders(UUID.randomUUID().toString(), "cs.handoff.queued",
                conversation, "other-tenant"));
        KafkaTopics.send(Topics.HANDOFF_EVENT, conversation, "{not json", KafkaTopics.cloudEventHeaders(
                UUID.randomUUID().toString(), "cs.handoff.queued", conversation, TENANT));
        awaitUntil(() -> {
            assertThat(eventsOf(Topics.dlq(Topics.HANDOFF_EVENT), unknown)).hasSize(1);
            assertThat(eventsOf(Topics.dlq(Topics.HANDOFF_EVENT), foreign)).hasSize(1);
            assertThat(eventsOf(Topics.dlq(Topics.HANDOFF_EVENT), "{not json")).hasSize(1);
        });
        given().header("Authorization", "Bearer " + phone[1])
                .get("/api/v1/channels/" + phone[0] + "/conversations/" + conversation + "/messages").then()
                .statusCode(200).body("messages", hasSize(1));
    }

    private static String utterance(String channel, String key, String caller, String callId, String text) {
        return post(channel, key, """
                {"messageId":"%s","customerId":"%s","text":"%s","call":{"callId":"%s","confidence":0.9}}"""
                .formatted(UUID.randomUUID(), caller, text, callId)).statusCode(202).extract().path("conversationId");
    }

    private static void handoff(String eventId, String type, String conversation, String entry, String skill,
            String agent, Integer position) {
        KafkaTopics.send(Topics.HANDOFF_EVENT, conversation, event(type, TENANT, conversation, entry, skill, agent,
                position), KafkaTopics.cloudEventHeaders(eventId, "cs.handoff." + type.toLowerCase(), conversation,
                TENANT));
    }

    private static String event(String type, String tenant, String conversation, String entry, String skill,
            String agent, Integer position) {
        return """
                {"type":"%s","tenantId":"%s","channelId":"x","conversationId":"%s","queueEntryId":"%s",
                 "reason":"customer_asked","skillGroup":"%s","position":%s,"agentId":%s,"waitMillis":10,
                 "occurredAt":"2026-11-24T10:00:00Z"}""".formatted(type, tenant, conversation, entry, skill,
                position == null ? "null" : position.toString(), agent == null ? "null" : "\"" + agent + "\"");
    }

    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
