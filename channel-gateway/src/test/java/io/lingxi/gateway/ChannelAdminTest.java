package io.lingxi.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class ChannelAdminTest {

    static final String ADMIN = TestJwt.token("shop", "admin");

    @Test
    void anAdminCreatesAChannelWhoseKeyIsShownOnceAndWorks() {
        String id = "app-" + shortId();
        String key = create(ADMIN, """
                {"id":"%s","name":"商城 App","type":"app","replyWebhookUrl":"http://127.0.0.1:9/hook",
                 "rateLimits":{"perChannelPerMinute":100,"perCustomerPerMinute":5}}""".formatted(id))
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/admin/channels/" + id))
                .body("apiKey", startsWith("lx_"))
                .body("webhookSecret", startsWith("whsec_"))
                .body("channel.tenantId", equalTo("shop"))
                .body("channel.type", equalTo("app"))
                .body("channel.delivery", equalTo("webhook"))
                .body("channel.rateLimits.perCustomerPerMinute", is(5))
                .extract().path("apiKey");

        admin(ADMIN).get("/api/v1/admin/channels/" + id).then().statusCode(200)
                .body("name", equalTo("商城 App"))
                .body("enabled", is(true))
                .body("$", not(org.hamcrest.Matchers.hasKey("apiKey")))
                .body("$", not(org.hamcrest.Matchers.hasKey("webhookSecret")));
        admin(ADMIN).get("/api/v1/admin/channels").then().statusCode(200).body("id", hasItem(id));

        post(id, key, "k1").statusCode(202);
        // the id is taken, whoever asks
        create(TestJwt.token("other", "admin"), "{\"id\":\"%s\",\"type\":\"web\"}".formatted(id)).statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void rotationKeepsTheOldKeyOnlyForTheOverlap() {
        String id = "rot-" + shortId();
        String oldKey = create(ADMIN, "{\"id\":\"%s\",\"type\":\"webhook\"}".formatted(id)).statusCode(201)
                .extract().path("apiKey");

        String newKey = admin(ADMIN).contentType(ContentType.JSON).body("{\"overlapSeconds\":3600}")
                .post("/api/v1/admin/channels/" + id + "/api-key").then().statusCode(200)
                .body("apiKey", startsWith("lx_"))
                .body("previousKeyValidUntil", notNullValue())
                .extract().path("apiKey");
        assertThat(newKey).isNotEqualTo(oldKey);
        post(id, oldKey, "r1").statusCode(202);
        post(id, newKey, "r2").statusCode(202);

        // rotating again with no overlap: the first key is gone at once, the second too
        String third = admin(ADMIN).contentType(ContentType.JSON).body("{\"overlapSeconds\":0}")
                .post("/api/v1/admin/channels/" + id + "/api-key").then().statusCode(200).extract().path("apiKey");
        post(id, oldKey, "r3").statusCode(401).contentType("application/problem+json");
        post(id, newKey, "r4").statusCode(401);
        post(id, third, "r5").statusCode(202);

        admin(ADMIN).contentType(ContentType.JSON).body("{\"overlapSeconds\":-1}")
                .post("/api/v1/admin/channels/" + id + "/api-key").then().statusCode(400)
                .body("errors.field", hasItem("overlapSeconds"));
    }

    @Test
    void aDisabledChannelTakesNoMessagesUntilEnabled() {
        String id = "dis-" + shortId();
        String key = create(ADMIN, "{\"id\":\"%s\",\"type\":\"app\"}".formatted(id)).statusCode(201)
                .extract().path("apiKey");
        admin(ADMIN).post("/api/v1/admin/channels/" + id + "/disable").then().statusCode(200).body("enabled", is(false));
        post(id, key, "d1").statusCode(404).contentType("application/problem+json");
        admin(ADMIN).post("/api/v1/admin/channels/" + id + "/enable").then().statusCode(200).body("enabled", is(true));
        post(id, key, "d2").statusCode(202);
    }

    @Test
    void configurationChangesOnlyWhatIsSentAndIsValidated() {
        String id = "cfg-" + shortId();
        create(ADMIN, "{\"id\":\"%s\",\"type\":\"webhook\",\"name\":\"旧名\"}".formatted(id)).statusCode(201);
        admin(ADMIN).contentType(ContentType.JSON)
                .body("{\"replyWebhookUrl\":\"https://example.com/lingxi\",\"rateLimits\":{\"perChannelPerMinute\":7}}")
                .patch("/api/v1/admin/channels/" + id).then().statusCode(200)
                .body("name", equalTo("旧名"))
                .body("replyWebhookUrl", equalTo("https://example.com/lingxi"))
                .body("rateLimits.perChannelPerMinute", is(7))
                .body("rateLimits.perCustomerPerMinute", is(30));
        admin(ADMIN).contentType(ContentType.JSON).body("{\"replyWebhookUrl\":\"\"}")
                .patch("/api/v1/admin/channels/" + id).then().statusCode(200)
                .body("replyWebhookUrl", nullValue()).body("delivery", equalTo("pull"));
        admin(ADMIN).contentType(ContentType.JSON)
                .body("{\"replyWebhookUrl\":\"ftp://x\",\"type\":\"web\",\"rateLimits\":{\"perCustomerPerMinute\":0}}")
                .patch("/api/v1/admin/channels/" + id).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("replyWebhookUrl"))
                .body("errors.field", hasItem("type"))
                .body("errors.field", hasItem("rateLimits.perCustomerPerMinute"));
        create(ADMIN, "{\"id\":\"Bad Id\",\"type\":\"fax\"}").statusCode(400)
                .body("errors.field", hasItem("id")).body("errors.field", hasItem("type"));
        // WeChat channels need their credentials, and the secrets are never shown back
        create(ADMIN, "{\"id\":\"wx-%s\",\"type\":\"wechat-oa\"}".formatted(shortId())).statusCode(400)
                .body("errors.field", hasItem("credentials.appId"))
                .body("errors.field", hasItem("credentials.token"));
        create(ADMIN, """
                {"id":"wx-%s","type":"wechat-mp","credentials":{"appId":"wx1","appSecret":"s3cret","token":"tk",
                 "encodingAesKey":"short"}}""".formatted(shortId())).statusCode(400)
                .body("errors.field", hasItem("credentials.encodingAesKey"));
        create(ADMIN, """
                {"id":"wx-%s","type":"wechat-mp","credentials":{"appId":"wx1","appSecret":"s3cret","token":"tk"}}"""
                .formatted(shortId())).statusCode(201)
                .body("channel.credentials.appId", equalTo("wx1"))
                .body("channel.credentials.appSecretSet", is(true))
                .body("channel.credentials.encodingAesKeySet", is(false))
                .body("channel.delivery", equalTo("wechat"))
                .body("channel.credentials", not(org.hamcrest.Matchers.hasKey("appSecret")));
    }

    @Test
    void onlyAdminsOfTheTenantSeeItsChannels() {
        String id = "own-" + shortId();
        create(ADMIN, "{\"id\":\"%s\",\"type\":\"web\"}".formatted(id)).statusCode(201);
        String otherAdmin = TestJwt.token("other", "admin");
        admin(otherAdmin).get("/api/v1/admin/channels/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        admin(otherAdmin).post("/api/v1/admin/channels/" + id + "/disable").then().statusCode(404);
        admin(otherAdmin).get("/api/v1/admin/channels").then().statusCode(200).body("id", not(hasItem(id)));

        given().get("/api/v1/admin/channels").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        admin("not-a-jwt").get("/api/v1/admin/channels").then().statusCode(401).contentType("application/problem+json");
        admin(TestJwt.token("shop", "agent")).get("/api/v1/admin/channels").then().statusCode(403)
                .contentType("application/problem+json").body("title", equalTo("Forbidden"));
        admin(ADMIN).get("/api/v1/admin/channels/" + id).then().statusCode(200)
                .body("createdAt", notNullValue());
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static io.restassured.specification.RequestSpecification admin(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    static ValidatableResponse create(String token, String body) {
        return admin(token).contentType(ContentType.JSON).body(body).post("/api/v1/admin/channels").then();
    }

    private static ValidatableResponse post(String channel, String key, String messageId) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key)
                .body("{\"messageId\":\"%s-%s\",\"customerId\":\"c1\",\"text\":\"你好\"}".formatted(messageId, shortId()))
                .post("/api/v1/channels/" + channel + "/messages").then();
    }
}
