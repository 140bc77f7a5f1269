package io.lingxi.gateway;

import static io.lingxi.gateway.GatewayTestSupport.ADMIN;
import static io.lingxi.gateway.GatewayTestSupport.awaitUntil;
import static io.lingxi.gateway.GatewayTestSupport.channel;
import static io.lingxi.gateway.GatewayTestSupport.converse;
import static io.lingxi.gateway.GatewayTestSupport.eventsOf;
import static io.lingxi.gateway.GatewayTestSupport.reply;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.lingxi.contracts.EventTypes;
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
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class WebhookDeliveryTest {

    @Test
    void repliesArriveSignedInOrderAndOnceEvenWhenTheEventComesTwice() throws Exception {
        String hook = "ordered-" + UUID.randomUUID();
        String id = "hook-" + GatewayTestSupport.shortId();
        var created = given().header("Authorization", "Bearer " + ADMIN).contentType(ContentType.JSON)
                .body("{\"id\":\"%s\",\"type\":\"webhook\",\"replyWebhookUrl\":\"%s\"}".formatted(id, FakeWebhook.url(hook)))
                .post("/api/v1/admin/channels").then().statusCode(201).extract();
        String key = created.path("apiKey");
        String secret = created.path("webhookSecret");
        String conversation = converse(id, key, "ord-" + UUID.randomUUID());

        String[] replies = new String[5];
        for (int i = 0; i < replies.length; i++) {
            replies[i] = UUID.randomUUID().toString();
            reply(replies[i], replies[i], id, conversation, "第" + (i + 1) + "条");
            if (i == 2) {
                reply(replies[i], replies[i], id, conversation, "第" + (i + 1) + "条"); // redelivered event
            }
        }
        FakeWebhook.Endpoint endpoint = FakeWebhook.endpoint(hook);
        awaitUntil(() -> assertThat(endpoint.received).hasSize(5));
        assertThat(endpoint.received.stream().map(r -> JsonPath.from(r.body()).getString("text")))
                .containsExactly("第1条", "第2条", "第3条", "第4条", "第5条");
        for (FakeWebhook.Received received : endpoint.received) {
            long timestamp = Long.parseLong(received.headers().get("x-lingxi-timestamp"));
            assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
            assertThat(received.headers().get("x-lingxi-signature"))
                    .isEqualTo("v1=" + hmac(secret, timestamp + "." + received.body()));
            assertThat(received.headers().get("x-lingxi-delivery-id"))
                    .isEqualTo(JsonPath.from(received.body()).getString("replyId"));
            assertThat(JsonPath.from(received.body()).getString("conversationId")).isEqualTo(conversation);
        }
        // a signature made with another secret does not verify
        FakeWebhook.Received first = endpoint.received.get(0);
        assertThat(first.headers().get("x-lingxi-signature"))
                .isNotEqualTo("v1=" + hmac("whsec_other", first.headers().get("x-lingxi-timestamp") + "." + first.body()));
        awaitUntil(() -> {
            for (String replyId : replies) {
                assertThat(eventsOf(Topics.DELIVERY, replyId)).hasSize(1)
                        .allSatisfy(r -> assertThat(r.value()).contains("\"status\":\"DELIVERED\""));
            }
        });
    }

    @Test
    void aFailingWebhookIsRetriedUntilItAnswers() {
        String hook = "flaky-" + UUID.randomUUID();
        String[] ch = channel("flaky", "{\"type\":\"app\",\"replyWebhookUrl\":\"%s\"}".formatted(FakeWebhook.url(hook)));
        FakeWebhook.Endpoint endpoint = FakeWebhook.endpoint(hook);
        endpoint.failuresLeft.set(2);
        String conversation = converse(ch[0], ch[1], "flaky-" + UUID.randomUUID());
        String replyId = UUID.randomUUID().toString();
        reply(replyId, replyId, ch[0], conversation, "重试后送达");
        awaitUntil(() -> assertThat(endpoint.received).hasSize(1));
        assertThat(endpoint.refused.get()).isEqualTo(2);
        awaitUntil(() -> assertThat(eventsOf(Topics.DELIVERY, replyId)).singleElement()
                .satisfies(r -> assertThat(r.value()).contains("\"status\":\"DELIVERED\"", "\"attempts\":3")));
    }

    @Test
    void aChannelThatIsDownHoldsBackOnlyItsOwnRepliesAndDrainsInOrderWhenBack() {
        String downHook = "down-" + UUID.randomUUID();
        String upHook = "up-" + UUID.randomUUID();
        String[] down = channel("down", "{\"type\":\"app\",\"replyWebhookUrl\":\"%s\"}".formatted(FakeWebhook.url(downHook)));
        String[] up = channel("up", "{\"type\":\"app\",\"replyWebhookUrl\":\"%s\"}".formatted(FakeWebhook.url(upHook)));
        FakeWebhook.Endpoint downEndpoint = FakeWebhook.endpoint(downHook);
        FakeWebhook.Endpoint upEndpoint = FakeWebhook.endpoint(upHook);
        downEndpoint.down = true;
        String downConversation = converse(down[0], down[1], "d-" + UUID.randomUUID());
        String upConversation = converse(up[0], up[1], "u-" + UUID.randomUUID());
        for (int i = 1; i <= 3; i++) {
            String a = UUID.randomUUID().toString();
            reply(a, a, down[0], downConversation, "积压" + i);
            String b = UUID.randomUUID().toString();
            reply(b, b, up[0], upConversation, "正常" + i);
        }
        awaitUntil(() -> assertThat(upEndpoint.received).hasSize(3));
        awaitUntil(() -> assertThat(downEndpoint.refused.get()).isGreaterThanOrEqualTo(2));
        assertThat(downEndpoint.received).isEmpty();

        downEndpoint.down = false;
        awaitUntil(() -> assertThat(downEndpoint.received).hasSize(3));
        assertThat(downEndpoint.received.stream().map(r -> JsonPath.from(r.body()).getString("text")))
                .containsExactly("积压1", "积压2", "积压3");
    }

    @Test
    void aReplyThatCannotBeDeliveredIsDeadLetteredReportedFailedAndCanBeRetried() {
        String hook = "dead-" + UUID.randomUUID();
        String[] ch = channel("dead", "{\"type\":\"app\",\"replyWebhookUrl\":\"%s\"}".formatted(FakeWebhook.url(hook)));
        FakeWebhook.Endpoint endpoint = FakeWebhook.endpoint(hook);
        endpoint.down = true;
        String conversation = converse(ch[0], ch[1], "dead-" + UUID.randomUUID());
        String replyId = UUID.randomUUID().toString();
        reply(replyId, replyId, ch[0], conversation, "送不到");
        awaitUntil(() -> assertThat(eventsOf(Topics.DELIVERY, replyId)).singleElement().satisfies(r -> {
            assertThat(r.value()).contains("\"status\":\"FAILED\"", "\"attempts\":4", "HTTP 503");
            assertThat(KafkaTopics.header(r, "ce_type")).isEqualTo(EventTypes.REPLY_FAILED);
        }));
        given().header("Authorization", "Bearer " + ADMIN)
                .get("/api/v1/admin/channels/" + ch[0] + "/deliveries/failed").then().statusCode(200)
                .body("replyId", hasItem(replyId));
        given().header("Authorization", "Bearer " + ADMIN)
                .post("/api/v1/admin/channels/" + ch[0] + "/deliveries/nope/retry").then().statusCode(404);

        endpoint.down = false;
        given().header("Authorization", "Bearer " + ADMIN)
                .post("/api/v1/admin/channels/" + ch[0] + "/deliveries/" + replyId + "/retry").then().statusCode(202);
        awaitUntil(() -> assertThat(endpoint.received).hasSize(1));
        assertThat(JsonPath.from(endpoint.received.get(0).body()).getString("text")).isEqualTo("送不到");
        awaitUntil(() -> assertThat(eventsOf(Topics.DELIVERY, replyId))
                .anySatisfy(r -> assertThat(r.value()).contains("\"status\":\"DELIVERED\"")));
    }

    @Test
    void pulledChannelsStillReportDeliveryOnStore() {
        String[] ch = channel("pull", "{\"type\":\"app\"}");
        String conversation = converse(ch[0], ch[1], "p-" + UUID.randomUUID());
        String replyId = UUID.randomUUID().toString();
        reply(replyId, replyId, ch[0], conversation, "拉取");
        awaitUntil(() -> assertThat(eventsOf(Topics.DELIVERY, replyId)).singleElement()
                .satisfies(r -> assertThat(r.value()).contains("\"status\":\"DELIVERED\"")));
    }

    static String hmac(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
