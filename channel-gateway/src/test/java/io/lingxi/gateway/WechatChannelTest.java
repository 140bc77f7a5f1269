package io.lingxi.gateway;

import static io.lingxi.gateway.GatewayTestSupport.ADMIN;
import static io.lingxi.gateway.GatewayTestSupport.awaitUntil;
import static io.lingxi.gateway.GatewayTestSupport.eventsOf;
import static io.lingxi.gateway.GatewayTestSupport.reply;
import static io.lingxi.gateway.GatewayTestSupport.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lingxi.contracts.Topics;
import io.lingxi.gateway.delivery.ChannelTarget;
import io.lingxi.gateway.domain.ChannelCredentials;
import io.lingxi.gateway.domain.ChannelType;
import io.lingxi.gateway.wechat.WechatCrypto;
import io.lingxi.gateway.wechat.WechatTokens;
import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.util.List;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class WechatChannelTest {

    static final String TOKEN = "lingxiToken";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    @Inject
    Pool pool;

    @Inject
    WechatTokens tokens;

    @Test
    void verifiesTheUrlOnlyWithTheChannelsToken() throws Exception {
        try (FakeWechat wechat = new FakeWechat("wxverify", "secret")) {
            String id = wechatChannel("wechat-oa", wechat, null);
            String timestamp = now();
            given().queryParam("signature", sha1Sorted(TOKEN, timestamp, "n1")).queryParam("timestamp", timestamp)
                    .queryParam("nonce", "n1").queryParam("echostr", "echo-123")
                    .get("/wechat/" + id).then().statusCode(200).body(equalTo("echo-123"));
            given().queryParam("signature", sha1Sorted("otherToken", timestamp, "n1")).queryParam("timestamp", timestamp)
                    .queryParam("nonce", "n1").queryParam("echostr", "echo-123")
                    .get("/wechat/" + id).then().statusCode(403).contentType("application/problem+json");
            given().queryParam("signature", "x").queryParam("timestamp", timestamp).queryParam("nonce", "n")
                    .queryParam("echostr", "e").get("/wechat/no-such-channel").then().statusCode(404);
        }
    }

    @Test
    void officialAccountMessagesAreTakenOnceAndRepliesGoOutThroughCustomerServiceApiInOrder() throws Exception {
        try (FakeWechat wechat = new FakeWechat("wxoa" + shortId(), "oa-secret")) {
            String id = wechatChannel("wechat-oa", wechat, null);
            String openId = "o" + shortId();
            String msgId = String.valueOf(System.nanoTime());
            String xml = """
                    <xml><ToUserName><![CDATA[gh_lingxi]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>
                    <CreateTime>%s</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[我想查订单]]></Content>
                    <MsgId>%s</MsgId></xml>""".formatted(openId, now(), msgId);
            // WeChat retries a callback it got no quick answer to: three times the same MsgId
            for (int i = 0; i < 3; i++) {
                callback(id, xml, null).statusCode(200).body(equalTo("success"));
            }
            awaitUntil(() -> assertThat(eventsOf(Topics.MESSAGE_RECEIVED, openId)).hasSize(1));
            ConsumerRecord<String, String> received = eventsOf(Topics.MESSAGE_RECEIVED, openId).get(0);
            assertThat(received.value()).contains("\"text\":\"我想查订单\"", "\"channelType\":\"wechat-oa\"");
            String conversation = JsonPath.from(received.value()).getString("conversationId");

            String first = UUID.randomUUID().toString();
            reply(first, first, id, conversation, "请提供订单号", "[{\"label\":\"查物流\",\"payload\":\"查物流\"}]");
            awaitUntil(() -> assertThat(wechat.messages).hasSize(1));
            assertThat(wechat.messages.get(0).getString("touser")).isEqualTo(openId);
            assertThat(wechat.messages.get(0).getString("msgtype")).isEqualTo("text");
            assertThat(wechat.messages.get(0).getJsonObject("text").getString("content"))
                    .isEqualTo("请提供订单号\n\n1. 查物流");

            // WeChat expires the token: the gateway refreshes it once and sends again; then a rate limit
            wechat.expireCurrentToken();
            String second = UUID.randomUUID().toString();
            reply(second, second, id, conversation, "第二条");
            awaitUntil(() -> assertThat(wechat.messages).hasSize(2));
            assertThat(wechat.tokenCalls.get()).isEqualTo(2);
            wechat.rateLimitedLeft.set(1);
            String third = UUID.randomUUID().toString();
            reply(third, third, id, conversation, "第三条");
            reply(third, third, id, conversation, "第三条"); // the reply event seen twice
            awaitUntil(() -> assertThat(wechat.messages).hasSize(3));
            assertThat(wechat.answers).contains(40001, 45047);
            assertThat(wechat.messages.stream().map(m -> m.getJsonObject("text").getString("content")).skip(1))
                    .containsExactly("第二条", "第三条");
            awaitUntil(() -> assertThat(eventsOf(Topics.DELIVERY, third)).singleElement()
                    .satisfies(r -> assertThat(r.value()).contains("\"status\":\"DELIVERED\"", "\"attempts\":2")));
            assertThat(wechat.tokenCalls.get()).isEqualTo(2);
        }
    }

    @Test
    void concurrentSendersShareOneTokenRefresh() throws Exception {
        try (FakeWechat wechat = new FakeWechat("wxconc" + shortId(), "conc-secret")) {
            String id = wechatChannel("wechat-mp", wechat, null);
            ChannelTarget target = new ChannelTarget(id, GatewayTestSupport.TENANT, ChannelType.WECHAT_MP, true, null,
                    null, new ChannelCredentials(wechat.appId, wechat.secret, TOKEN, null, wechat.baseUrl()));
            List<String> got = Multi.createFrom().range(0, 20).onItem()
                    .transformToUniAndMerge(i -> tokens.get(target)).collect().asList()
                    .await().atMost(Duration.ofSeconds(30));
            assertThat(got).hasSize(20).containsOnly("TOKEN-1");
            assertThat(wechat.tokenCalls.get()).isEqualTo(1);
            // WeChat refuses it: one new token, however many senders ask
            List<String> replaced = Multi.createFrom().range(0, 10).onItem()
                    .transformToUniAndMerge(i -> tokens.replace(target, "TOKEN-1")).collect().asList()
                    .await().atMost(Duration.ofSeconds(30));
            assertThat(replaced).containsOnly("TOKEN-2");
            assertThat(wechat.tokenCalls.get()).isEqualTo(2);
        }
    }

    @Test
    void miniProgramSafeModeMessagesAreDecryptedAndForgedOnesRefused() throws Exception {
        try (FakeWechat wechat = new FakeWechat("wxmp" + shortId(), "mp-secret")) {
            String id = wechatChannel("wechat-mp", wechat, AES_KEY);
            String openId = "mp" + shortId();
            String inner = """
                    {"ToUserName":"gh_mp","FromUserName":"%s","CreateTime":%s,"MsgType":"text","Content":"小程序里问一下",
                     "MsgId":%d}""".formatted(openId, now(), System.nanoTime());
            String encrypt = WechatCrypto.encrypt(AES_KEY, wechat.appId, inner);
            String envelope = "{\"ToUserName\":\"gh_mp\",\"Encrypt\":\"" + encrypt + "\"}";
            String timestamp = now();
            safeCallback(id, envelope, timestamp, sha1Sorted(TOKEN, timestamp, "nonce", encrypt))
                    .statusCode(200).body(equalTo("success"));
            awaitUntil(() -> assertThat(eventsOf(Topics.MESSAGE_RECEIVED, openId)).singleElement()
                    .satisfies(r -> assertThat(r.value()).contains("小程序里问一下", "\"channelType\":\"wechat-mp\"")));

            // a forged msg_signature, and a message encrypted for another app, are refused and not stored
            String otherOpenId = "forged" + shortId();
            String forged = WechatCrypto.encrypt(AES_KEY, wechat.appId, inner.replace(openId, otherOpenId));
            safeCallback(id, "{\"Encrypt\":\"" + forged + "\"}", timestamp, sha1Sorted("nope", timestamp, "nonce", forged))
                    .statusCode(403);
            String otherApp = WechatCrypto.encrypt(AES_KEY, "wx-someone-else", inner.replace(openId, otherOpenId));
            safeCallback(id, "{\"Encrypt\":\"" + otherApp + "\"}", timestamp,
                    sha1Sorted(TOKEN, timestamp, "nonce", otherApp)).statusCode(403);
            // a stale timestamp is a replay
            String old = String.valueOf(Instant.now().getEpochSecond() - 3600);
            safeCallback(id, envelope, old, sha1Sorted(TOKEN, old, "nonce", encrypt)).statusCode(403);
            assertThat(eventsOf(Topics.MESSAGE_RECEIVED, otherOpenId)).isEmpty();
        }
    }

    @Test
    void eventsAreRecordedAndRepliesOutsideTheFortyEightHourWindowFail() throws Exception {
        try (FakeWechat wechat = new FakeWechat("wxwin" + shortId(), "win-secret")) {
            String id = wechatChannel("wechat-oa", wechat, null);
            String openId = "win" + shortId();
            callback(id, """
                    <xml><ToUserName>gh</ToUserName><FromUserName>%s</FromUserName><CreateTime>%s</CreateTime>
                    <MsgType>event</MsgType><Event>subscribe</Event></xml>""".formatted(openId, now()), null)
                    .statusCode(200).body(equalTo("success"));
            callback(id, """
                    <xml><ToUserName>gh</ToUserName><FromUserName>%s</FromUserName><CreateTime>%s</CreateTime>
                    <MsgType>image</MsgType><PicUrl>https://mmbiz.example/pic.jpg</PicUrl><MediaId>m1</MediaId>
                    <MsgId>%d</MsgId></xml>""".formatted(openId, now(), System.nanoTime()), null).statusCode(200);
            callback(id, "<xml><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><FromUserName>&e;</FromUserName></xml>",
                    null).statusCode(400);
            awaitUntil(() -> assertThat(eventsOf(Topics.MESSAGE_RECEIVED, openId)).singleElement()
                    .satisfies(r -> assertThat(r.value()).contains("[图片]")));
            String conversation = JsonPath.from(eventsOf(Topics.MESSAGE_RECEIVED, openId).get(0).value())
                    .getString("conversationId");
            long rows = pool.preparedQuery("SELECT count(*) FROM message WHERE conversation_id = $1 AND kind = 'event'")
                    .execute(Tuple.of(conversation)).await().indefinitely().iterator().next().getLong(0);
            assertThat(rows).isEqualTo(1);

            pool.preparedQuery("UPDATE message SET created_at = now() - interval '49 hours' WHERE conversation_id = $1")
                    .execute(Tuple.of(conversation)).await().indefinitely();
            String late = UUID.randomUUID().toString();
            reply(late, late, id, conversation, "太晚了");
            awaitUntil(() -> assertThat(eventsOf(Topics.DELIVERY, late)).singleElement()
                    .satisfies(r -> assertThat(r.value()).contains("\"status\":\"FAILED\"", "48-hour")));
            assertThat(wechat.messages).isEmpty();
        }
    }

    private String wechatChannel(String type, FakeWechat wechat, String aesKey) {
        String id = "wx-" + shortId();
        String credentials = "{\"appId\":\"%s\",\"appSecret\":\"%s\",\"token\":\"%s\",\"apiBaseUrl\":\"%s\"%s}".formatted(
                wechat.appId, wechat.secret, TOKEN, wechat.baseUrl(),
                aesKey == null ? "" : ",\"encodingAesKey\":\"" + aesKey + "\"");
        given().header("Authorization", "Bearer " + ADMIN).contentType(ContentType.JSON)
                .body("{\"id\":\"%s\",\"type\":\"%s\",\"credentials\":%s}".formatted(id, type, credentials))
                .post("/api/v1/admin/channels").then().statusCode(201);
        return id;
    }

    private static io.restassured.response.ValidatableResponse callback(String id, String body, String nonce) {
        String timestamp = now();
        String n = nonce == null ? "nonce" + shortId() : nonce;
        return given().queryParam("signature", sha1Sorted(TOKEN, timestamp, n)).queryParam("timestamp", timestamp)
                .queryParam("nonce", n).queryParam("openid", "ignored").contentType("text/xml")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/wechat/" + id).then();
    }

    private static io.restassured.response.ValidatableResponse safeCallback(String id, String body, String timestamp,
            String msgSignature) {
        return given().queryParam("signature", sha1Sorted(TOKEN, timestamp, "nonce")).queryParam("timestamp", timestamp)
                .queryParam("nonce", "nonce").queryParam("encrypt_type", "aes").queryParam("msg_signature", msgSignature)
                .contentType("application/json").body(body).post("/wechat/" + id).then();
    }

    private static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    /** WeChat's signature, computed here without the gateway's code. */
    static String sha1Sorted(String... parts) {
        try {
            String[] sorted = parts.clone();
            Arrays.sort(sorted);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
