package io.lingxi.gateway;

import static io.lingxi.gateway.GatewayTestSupport.ADMIN;
import static io.lingxi.gateway.GatewayTestSupport.TENANT;
import static io.lingxi.gateway.GatewayTestSupport.awaitUntil;
import static io.lingxi.gateway.GatewayTestSupport.converse;
import static io.lingxi.gateway.GatewayTestSupport.reply;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.lingxi.gateway.service.ApiKeys;
import io.lingxi.gateway.service.ChannelService;
import io.lingxi.gateway.wechat.WechatCrypto;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Channel secrets are encrypted in the database; plaintext rows from before are read, then sealed. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class ChannelSecretsTest {

    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Every log line the gateway writes while these tests run, with the messages of what it throws. */
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record instanceof ExtLogRecord ext ? String.valueOf(
                    ext.getFormattedMessage()) : String.valueOf(record.getMessage()));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            LOG.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void captureLogs() {
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stopCapturing() {
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    @Inject
    Pool pool;

    @Inject
    ChannelService channels;

    @Test
    void secretsAreStoredEncryptedAndStillWork() throws Exception {
        String id = "oa-" + GatewayTestSupport.shortId();
        String appSecret = "app-secret-" + UUID.randomUUID();
        String token = "tok" + GatewayTestSupport.shortId();
        String webhookSecret = given().header("Authorization", "Bearer " + ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"id":"%s","type":"wechat-oa","credentials":{"appId":"wx-enc","appSecret":"%s","token":"%s",
                         "encodingAesKey":"%s","apiBaseUrl":"http://127.0.0.1:9"}}""".formatted(id, appSecret, token, AES_KEY))
                .post("/api/v1/admin/channels").then().statusCode(201).extract().path("webhookSecret");
        Row row = row(id);
        assertThat(row.getString("webhook_secret")).startsWith("enc:v1:").doesNotContain(webhookSecret);
        assertThat(row.getString("credentials")).startsWith("enc:v1:")
                .doesNotContain(appSecret).doesNotContain(token).doesNotContain(AES_KEY).doesNotContain("wx-enc");

        // the token still signs WeChat's URL verification, and the admin view shows only what is set
        verifyUrl(id, token).statusCode(200).body(equalTo("hi"));
        given().header("Authorization", "Bearer " + ADMIN).get("/api/v1/admin/channels/" + id).then().statusCode(200)
                .body("credentials.appId", equalTo("wx-enc"))
                .body("credentials.appSecretSet", equalTo(true))
                .body(not(containsString(appSecret))).body(not(containsString("enc:v1")));

        // a changed credential is sealed again
        given().header("Authorization", "Bearer " + ADMIN).contentType(ContentType.JSON)
                .body("{\"credentials\":{\"token\":\"newToken1\"}}").patch("/api/v1/admin/channels/" + id)
                .then().statusCode(200);
        assertThat(row(id).getString("credentials")).startsWith("enc:v1:").doesNotContain("newToken1");
        verifyUrl(id, "newToken1").statusCode(200);
        verifyUrl(id, token).statusCode(403);
        // (that the capture sees the gateway's lines is shown by the last test, which finds its error line)
        assertThat(LOG).noneSatisfy(line -> assertThat(line).containsAnyOf(appSecret, token,
                AES_KEY, webhookSecret, "newToken1"));
    }

    @Test
    void plaintextRowsFromBeforeAreReadThenSealedAndKeepSigning() throws Exception {
        String hook = "legacy-" + UUID.randomUUID();
        String id = "legacy-" + GatewayTestSupport.shortId();
        String key = ApiKeys.generate();
        String secret = "whsec_legacy_" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO channel (id, tenant_id, type, key_hash, enabled, created_at, webhook_secret, "
                        + "reply_webhook_url, credentials) VALUES ($1, $2, 'webhook', $3, TRUE, now(), $4, $5, NULL)")
                .execute(Tuple.of(id, TENANT, ApiKeys.hash(key), secret, FakeWebhook.url(hook)))
                .await().atMost(WAIT);
        String oa = "legacy-oa-" + GatewayTestSupport.shortId();
        pool.preparedQuery("INSERT INTO channel (id, tenant_id, type, key_hash, enabled, created_at, credentials) "
                        + "VALUES ($1, $2, 'wechat-oa', $3, TRUE, now(), $4)")
                .execute(Tuple.of(oa, TENANT, ApiKeys.hash(ApiKeys.generate()),
                        "{\"appId\":\"wx-old\",\"appSecret\":\"old-secret\",\"token\":\"oldToken\"}"))
                .await().atMost(WAIT);
        verifyUrl(oa, "oldToken").statusCode(200);

        assertThat(channels.sealStoredSecrets().await().atMost(WAIT)).isGreaterThanOrEqualTo(2);
        assertThat(row(id).getString("webhook_secret")).startsWith("enc:v1:").doesNotContain(secret);
        assertThat(row(oa).getString("credentials")).startsWith("enc:v1:").doesNotContain("old-secret");
        assertThat(channels.sealStoredSecrets().await().atMost(WAIT)).as("nothing left to seal").isZero();
        verifyUrl(oa, "oldToken").statusCode(200);

        // the integrator's secret did not change: deliveries still verify with it
        String conversation = converse(id, key, "legacy-" + UUID.randomUUID());
        String replyId = UUID.randomUUID().toString();
        reply(replyId, replyId, id, conversation, "老渠道的回复");
        FakeWebhook.Endpoint endpoint = FakeWebhook.endpoint(hook);
        awaitUntil(() -> assertThat(endpoint.received).hasSize(1));
        FakeWebhook.Received received = endpoint.received.get(0);
        assertThat(received.headers().get("x-lingxi-signature"))
                .isEqualTo("v1=" + hmac(secret, received.headers().get("x-lingxi-timestamp") + "." + received.body()));
    }

    @Test
    void aSealedValueMovedToAnotherChannelDoesNotOpenAndLeaksNothing() {
        String a = "oa-" + GatewayTestSupport.shortId();
        String b = "oa-" + GatewayTestSupport.shortId();
        for (String id : new String[] {a, b}) {
            given().header("Authorization", "Bearer " + ADMIN).contentType(ContentType.JSON)
                    .body("{\"id\":\"%s\",\"type\":\"wechat-oa\",\"credentials\":{\"appId\":\"wx\",\"appSecret\":\"s-%s\",\"token\":\"t%s\"}}"
                            .formatted(id, id, id.replace("-", "")))
                    .post("/api/v1/admin/channels").then().statusCode(201);
        }
        pool.preparedQuery("UPDATE channel SET credentials = (SELECT credentials FROM channel WHERE id = $1) WHERE id = $2")
                .execute(Tuple.of(a, b)).await().atMost(WAIT);
        verifyUrl(b, "t" + a.replace("-", "")).statusCode(500).contentType("application/problem+json")
                .body(not(containsString("s-" + a))).body(not(containsString("enc:v1")));
        verifyUrl(a, "t" + a.replace("-", "")).statusCode(200);
        // the failure is logged, naming the channel but no secret
        assertThat(LOG).anySatisfy(line -> assertThat(line).contains("of channel " + b + " does not decrypt"));
        assertThat(LOG).noneSatisfy(line -> assertThat(line).containsAnyOf("s-" + a, "s-" + b));
    }

    private Row row(String id) {
        return pool.preparedQuery("SELECT webhook_secret, credentials FROM channel WHERE id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next();
    }

    private static io.restassured.response.ValidatableResponse verifyUrl(String id, String token) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return given().queryParam("signature", WechatCrypto.signature(token, timestamp, "n1"))
                .queryParam("timestamp", timestamp).queryParam("nonce", "n1").queryParam("echostr", "hi")
                .get("/wechat/" + id).then();
    }

    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
