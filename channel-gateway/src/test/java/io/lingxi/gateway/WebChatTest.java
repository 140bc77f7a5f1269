package io.lingxi.gateway;

import static io.lingxi.gateway.GatewayTestSupport.awaitUntil;
import static io.lingxi.gateway.GatewayTestSupport.channel;
import static io.lingxi.gateway.GatewayTestSupport.eventsOf;
import static io.lingxi.gateway.GatewayTestSupport.reply;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.lingxi.contracts.Topics;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class WebChatTest {

    @TestHTTPResource("/")
    URL base;

    /** A visitor's socket: every frame it received, as JSON. */
    static final class Client implements WebSocket.Listener {
        final List<JsonObject> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        volatile boolean closed;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(new JsonObject(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed = true;
            return null;
        }

        List<JsonObject> lines() {
            return frames.stream().filter(f -> "message".equals(f.getString("type")))
                    .map(f -> f.getJsonObject("line")).toList();
        }
    }

    @Test
    void aVisitorChatsLiveResumesWithoutLossOrRepeatsAndSeesHistoryOnReload() throws Exception {
        String[] ch = channel("site", "{\"type\":\"web\"}");
        JsonObject visitor = new JsonObject(given().post("/api/v1/web/" + ch[0] + "/visitors").then().statusCode(201)
                .extract().asString());
        String token = visitor.getString("token");

        Client first = new Client();
        WebSocket socket = connect(ch[0], token, 0, first);
        awaitUntil(() -> assertThat(first.frames).anySatisfy(f -> assertThat(f.getString("type")).isEqualTo("ready")));
        socket.sendText(new JsonObject().put("type", "text").put("id", "m1").put("text", "我想查订单").encode(), true)
                .get(10, TimeUnit.SECONDS);
        awaitUntil(() -> assertThat(first.frames).anySatisfy(f -> assertThat(f.getString("type")).isEqualTo("ack")));
        String conversation = first.frames.stream().filter(f -> "ack".equals(f.getString("type"))).findFirst()
                .orElseThrow().getString("conversationId");
        awaitUntil(() -> assertThat(first.lines()).hasSize(1));
        assertThat(eventsOf(Topics.MESSAGE_RECEIVED, visitor.getString("visitorId"))).singleElement()
                .satisfies(r -> assertThat(r.value()).contains("我想查订单", "\"channelType\":\"web\""));

        String replyId = UUID.randomUUID().toString();
        reply(replyId, replyId, ch[0], conversation, "请提供订单号", "[{\"label\":\"查物流\",\"payload\":\"查物流\"}]");
        awaitUntil(() -> assertThat(first.lines()).hasSize(2));
        JsonObject botLine = first.lines().get(1);
        assertThat(botLine.getString("sender")).isEqualTo("bot");
        assertThat(botLine.getJsonArray("quickReplies").getJsonObject(0).getString("payload")).isEqualTo("查物流");

        // the same message again (a resend after a drop) is acknowledged as a duplicate and shown once
        socket.sendText(new JsonObject().put("type", "text").put("id", "m1").put("text", "我想查订单").encode(), true)
                .get(10, TimeUnit.SECONDS);
        awaitUntil(() -> assertThat(first.frames.stream().filter(f -> Boolean.TRUE.equals(f.getBoolean("duplicate"))))
                .hasSize(1));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);

        // a reply while the visitor is away, then a reconnect after the last seen line: only the new one
        long lastSeen = botLine.getLong("seq");
        String awayReply = UUID.randomUUID().toString();
        reply(awayReply, awayReply, ch[0], conversation, "您不在时的回复");
        Client resumed = new Client();
        WebSocket again = connect(ch[0], token, lastSeen, resumed);
        awaitUntil(() -> assertThat(resumed.lines()).extracting(l -> l.getString("text")).containsExactly("您不在时的回复"));

        // a quick reply clicked goes to the bot as the customer's words
        again.sendText(new JsonObject().put("type", "quick_reply").put("id", "q1").put("payload", "查物流").encode(), true)
                .get(10, TimeUnit.SECONDS);
        awaitUntil(() -> assertThat(eventsOf(Topics.MESSAGE_RECEIVED, visitor.getString("visitorId")))
                .anySatisfy(r -> assertThat(r.value()).contains("\"text\":\"查物流\"")));
        again.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);

        // reload: the whole history, in order
        Client reloaded = new Client();
        WebSocket third = connect(ch[0], token, 0, reloaded);
        awaitUntil(() -> assertThat(reloaded.lines()).extracting(l -> l.getString("text"))
                .containsExactly("我想查订单", "请提供订单号", "您不在时的回复", "查物流"));
        third.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    @Test
    void forgedTokensAndOtherChannelsAreRefused() throws Exception {
        String[] ch = channel("site", "{\"type\":\"web\"}");
        String[] app = channel("notweb", "{\"type\":\"app\"}");
        given().post("/api/v1/web/" + app[0] + "/visitors").then().statusCode(404).contentType("application/problem+json");
        String token = new JsonObject(given().post("/api/v1/web/" + ch[0] + "/visitors").then().statusCode(201)
                .extract().asString()).getString("token");
        String[] other = channel("site", "{\"type\":\"web\"}");
        for (String[] attempt : List.of(new String[] {other[0], token}, new String[] {ch[0], token + "x"},
                new String[] {ch[0], "v-1.9999999999.forged"})) {
            Client client = new Client();
            connect(attempt[0], attempt[1], 0, client);
            awaitUntil(() -> assertThat(client.closed).isTrue());
            assertThat(client.frames).singleElement().satisfies(f -> assertThat(f.getInteger("status")).isEqualTo(401));
        }
    }

    @Test
    void onlyTheChannelsAllowedSitesMayEmbedIt() throws Exception {
        String[] ch = channel("shop", "{\"type\":\"web\",\"allowedOrigins\":[\"https://shop.example.com\"]}");
        given().header("Origin", "https://shop.example.com").post("/api/v1/web/" + ch[0] + "/visitors").then()
                .statusCode(201).header("Access-Control-Allow-Origin", "https://shop.example.com");
        given().header("Origin", "https://evil.example").post("/api/v1/web/" + ch[0] + "/visitors").then()
                .statusCode(403).contentType("application/problem+json");
        String token = new JsonObject(given().post("/api/v1/web/" + ch[0] + "/visitors").then().statusCode(201)
                .extract().asString()).getString("token");
        Client client = new Client();
        URI uri = URI.create(base.toString().replace("http", "ws")).resolve("/ws/web/" + ch[0] + "?token="
                + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
        HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "https://evil.example")
                .buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        awaitUntil(() -> assertThat(client.closed).isTrue());
        assertThat(client.frames).singleElement().satisfies(f -> assertThat(f.getInteger("status")).isEqualTo(403));
        given().header("Authorization", "Bearer " + GatewayTestSupport.ADMIN).contentType("application/json")
                .body("{\"allowedOrigins\":[\"https://shop.example.com/path\"]}")
                .patch("/api/v1/admin/channels/" + ch[0]).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("allowedOrigins"));
    }

    @Test
    void theWidgetAndItsDemoPageAreServed() {
        given().get("/widget/lingxi-widget.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("/ws/web/"), containsString("在线客服"), containsString("Customer service"));
        given().get("/demo/index.html").then().statusCode(200)
                .body(startsWith("<!DOCTYPE html>"), containsString("/widget/lingxi-widget.js"));
    }

    private WebSocket connect(String channelId, String token, long after, Client client) throws Exception {
        URI uri = URI.create(base.toString().replace("http", "ws")).resolve("/ws/web/" + channelId + "?token="
                + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8) + "&after=" + after);
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client).get(10, TimeUnit.SECONDS);
    }
}
