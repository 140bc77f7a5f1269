package io.lingxi.dialogue;

import static io.lingxi.dialogue.DialogueEvents.awaitRecords;
import static io.lingxi.dialogue.DialogueEvents.newConversation;
import static io.lingxi.dialogue.DialogueEvents.orderNumber;
import static io.lingxi.dialogue.DialogueEvents.understood;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.Topics;
import io.lingxi.dialogue.connector.ConnectorDefinition;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Connectors managed over REST per tenant: what admins write is what the flows call. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dialogue_test"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(FakeOrderSystem.class)
class ConnectorResourceTest {

    private static final String TENANT = "conntenant";
    private static final String MAPPING = """
            {"status_zh":"/statusText/zh","status_en":"/statusText/en","carrier":"/carrier",
             "tracking_number":"/trackingNumber","eta":"/eta"}""";

    @Inject
    ObjectMapper mapper;

    @Test
    void anAdminCreatesAConnectorWhoseSecretIsNeverShownAndTheOrderFlowUsesIt() throws Throwable {
        String admin = TestJwt.token(TENANT, "admin");
        String created = given().auth().oauth2(admin).contentType(ContentType.JSON).body(connector("test-key", 1000))
                .post("/api/v1/dialogue/connectors").then().statusCode(201)
                .body("name", equalTo("order_status")).body("baseUrl", equalTo(orderSystem()))
                .body("path", equalTo("/orders/{order_number}")).body("auth.header", equalTo("X-Api-Key"))
                .body("auth.secretSet", equalTo(true)).body("retries", equalTo(1))
                .body("circuitBreaker.requestVolumeThreshold", equalTo(6)).body("revision", equalTo(1))
                .extract().asString();
        assertThat(created).doesNotContain("test-key");
        given().auth().oauth2(admin).get("/api/v1/dialogue/connectors").then().statusCode(200)
                .body("name", hasItem("order_status")).body(not(containsString("test-key")));
        assertThat(storedSecret()).isNotBlank().doesNotContain("test-key"); // encrypted at rest

        assertThat(orderQuery()).isEqualTo("订单 A2024112401 当前状态：已发货。承运商：顺丰速运，运单号：SF1234567890，预计送达：2026-11-26。");

        // a wrong secret: the order system refuses, the customer is handed to a person, never left hanging
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(connector("wrong-key", 1000))
                .put("/api/v1/dialogue/connectors/order_status").then().statusCode(200).body("revision", equalTo(2));
        assertThat(orderQuery()).isEqualTo("抱歉，订单系统暂时无法访问，我为您转接人工客服。");

        // the right secret again, then a change without a secret keeps the stored one
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(connector("test-key", 1000))
                .put("/api/v1/dialogue/connectors/order_status").then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(connector(null, 1500))
                .put("/api/v1/dialogue/connectors/order_status").then().statusCode(200)
                .body("timeoutMs", equalTo(1500)).body("auth.secretSet", equalTo(true));
        assertThat(orderQuery()).startsWith("订单 A2024112401 当前状态：已发货");

        given().auth().oauth2(admin).delete("/api/v1/dialogue/connectors/order_status").then().statusCode(204);
        given().auth().oauth2(admin).get("/api/v1/dialogue/connectors/order_status").then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(orderQuery()).isEqualTo("抱歉，订单系统暂时无法访问，我为您转接人工客服。");
    }

    @Test
    void invalidConnectorsAreRejectedWithTheFieldsToFix() {
        String admin = TestJwt.token("conninvalid", "admin");
        post(admin, "{\"name\":\"x\"}").statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("path", "responseMapping"));
        post(admin, """
                {"name":"x","baseUrl":"ftp://files.example.com","path":"orders","responseMapping":{"s":"/s"}}""")
                .statusCode(400).body("errors.field", hasItems("baseUrl", "path"));
        post(admin, """
                {"name":"cancel","method":"POST","baseUrl":"https://erp.example.com","path":"/cancel","retries":2,
                 "responseMapping":{"s":"/s"}}""").statusCode(400).body("errors.field", hasItem("retries"))
                .body("errors.message", hasItem(containsString("could act twice")));
        post(admin, """
                {"name":"x","baseUrl":"https://erp.example.com","path":"/o","timeoutMs":5,
                 "circuitBreaker":{"failureRatio":2},"responseMapping":{"s":"status"}}""")
                .statusCode(400).body("errors.field", hasItems("timeoutMs", "failureRatio"));
        post(admin, """
                {"name":"Bad Name","path":"https://erp.example.com/o","responseMapping":{"s":"/s"}}""")
                .statusCode(400).body("errors.field", hasItem("name"));
        post(admin, "{not json").statusCode(400).contentType("application/problem+json");

        String good = """
                {"name":"erp","path":"${config:demo-order-api}/orders/{order_number}","responseMapping":{"s":"/s"}}""";
        post(admin, good).statusCode(201).body("auth", equalTo(null));
        post(admin, good).statusCode(409);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(good.replace("\"erp\"", "\"other\""))
                .put("/api/v1/dialogue/connectors/erp").then().statusCode(400).body("errors.field", hasItem("name"));
    }

    @Test
    void aTenantSeesAndChangesOnlyItsOwnConnectorsAndOnlyAdminsMayAtAll() {
        String admin = TestJwt.token("connowner", "admin");
        post(admin, connector("owner-secret", 1000)).statusCode(201);

        String stranger = TestJwt.token("connstranger", "admin");
        given().auth().oauth2(stranger).get("/api/v1/dialogue/connectors").then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(stranger).get("/api/v1/dialogue/connectors/order_status").then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(connector("x", 1000))
                .put("/api/v1/dialogue/connectors/order_status").then().statusCode(404);
        given().auth().oauth2(stranger).delete("/api/v1/dialogue/connectors/order_status").then().statusCode(404);
        given().auth().oauth2(admin).get("/api/v1/dialogue/connectors/order_status").then().statusCode(200)
                .body("revision", equalTo(1));

        given().auth().oauth2(TestJwt.token("connowner", "agent")).get("/api/v1/dialogue/connectors").then()
                .statusCode(403);
        given().get("/api/v1/dialogue/connectors").then().statusCode(401);
    }

    /** An order query in a new conversation of the tenant; the bot's answer. */
    private String orderQuery() throws Exception {
        String conversation = newConversation();
        understood(TENANT, conversation, "订单A2024112401到哪了", "zh", "order_status",
                orderNumber("订单A2024112401到哪了", "A2024112401"));
        return mapper.readTree(awaitRecords(Topics.REPLY, conversation, 1).get(0).value()).get("text").asText();
    }

    private static ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/dialogue/connectors").then();
    }

    private static String connector(String secret, int timeoutMs) {
        return """
                {"name":"order_status","method":"GET","baseUrl":"%s","path":"/orders/{order_number}",
                 "responseMapping":%s,"auth":{"header":"X-Api-Key"%s},"timeoutMs":%d,"retries":1,
                 "circuitBreaker":{"failureRatio":0.5,"requestVolumeThreshold":6,"delayMs":5000}}"""
                .formatted(orderSystem(), MAPPING, secret == null ? "" : ",\"secret\":\"" + secret + "\"", timeoutMs);
    }

    private static String orderSystem() {
        return ConfigProvider.getConfig().getValue("lingxi.dialogue.connector-values.demo-order-api", String.class);
    }

    private static String storedSecret() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> ConnectorDefinition.find(TENANT, "order_status").map(c -> c.authSecret)));
    }
}
