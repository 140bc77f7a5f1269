package io.lingxi.nlu;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a tenant configures over REST: dictionary entities, intents, NLU settings — each tenant its own. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "nlu_test"))
class TenantConfigurationApiTest {

    private static final String DICTIONARIES = "/api/v1/nlu/dictionaries";
    private static final String INTENTS = "/api/v1/nlu/training-data/intents";
    private static final String SETTINGS = "/api/v1/nlu/settings";
    private static final String PARSE = "/api/v1/nlu/parse";

    private static String tenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void dictionaryEntitiesAreTheTenantsOwnAndShowInItsMessages() {
        String shop = tenant("shop");
        String editor = TestJwt.token(shop, "editor");
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("synonyms", List.of("苹果15pro", "15 pro", " 苹果15pro ")))
                .put(DICTIONARIES + "/product/iPhone 15 Pro")
                .then().statusCode(200).body("type", equalTo("product")).body("value", equalTo("iPhone 15 Pro"))
                .body("synonyms", equalTo(List.of("苹果15pro", "15 pro")));
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of("synonyms", List.of("HUAWEI")))
                .put(DICTIONARIES + "/brand/华为").then().statusCode(200);

        given().auth().oauth2(editor).get(DICTIONARIES).then().statusCode(200)
                .body("value", equalTo(List.of("华为", "iPhone 15 Pro")));
        given().auth().oauth2(editor).queryParam("type", "product").get(DICTIONARIES).then().statusCode(200)
                .body("value", equalTo(List.of("iPhone 15 Pro")));

        given().auth().oauth2(TestJwt.token(shop, "agent")).contentType(ContentType.JSON)
                .body(Map.of("text", "我的苹果15pro屏幕坏了")).post(PARSE)
                .then().statusCode(200)
                .body("entities.find { it.type == 'product' }.value", equalTo("iPhone 15 Pro"))
                .body("entities.find { it.type == 'product' }.text", equalTo("苹果15pro"))
                .body("entities.find { it.type == 'product' }.start", equalTo(2))
                .body("entities.find { it.type == 'product' }.end", equalTo(9));
        given().auth().oauth2(TestJwt.token(shop, "agent")).contentType(ContentType.JSON)
                .body(Map.of("text", "Does the huawei store sell the 15 Pro?")).post(PARSE)
                .then().statusCode(200)
                .body("entities.value", hasItems("华为", "iPhone 15 Pro"))
                .body("entities.find { it.type == 'brand' }.text", equalTo("huawei"));

        // another tenant neither sees nor gets them
        String other = tenant("other");
        given().auth().oauth2(TestJwt.token(other, "admin")).get(DICTIONARIES).then().statusCode(200)
                .body("$", empty());
        given().auth().oauth2(TestJwt.token(other, "agent")).contentType(ContentType.JSON)
                .body(Map.of("text", "我的苹果15pro屏幕坏了")).post(PARSE)
                .then().statusCode(200).body("entities.type", not(hasItem("product")));
        given().auth().oauth2(TestJwt.token(other, "admin")).delete(DICTIONARIES + "/brand/华为")
                .then().statusCode(404).contentType("application/problem+json");

        // deleting takes effect at once on this replica
        given().auth().oauth2(editor).delete(DICTIONARIES + "/product/iPhone 15 Pro").then().statusCode(204);
        given().auth().oauth2(editor).delete(DICTIONARIES + "/product/iPhone 15 Pro").then().statusCode(404);
        given().auth().oauth2(TestJwt.token(shop, "agent")).contentType(ContentType.JSON)
                .body(Map.of("text", "我的苹果15pro屏幕坏了")).post(PARSE)
                .then().statusCode(200).body("entities.type", not(hasItem("product")));
    }

    @Test
    void badDictionaryEntriesAreExplainedAndAgentsCannotEdit() {
        String editor = TestJwt.token(tenant("shop"), "editor");
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of("synonyms", List.of("ok", "  ")))
                .put(DICTIONARIES + "/bad type!/x")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("type", "synonyms[1]"));
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of("synonyms", List.of("a".repeat(201))))
                .put(DICTIONARIES + "/product/x")
                .then().statusCode(400).body("errors.field", hasItem("synonyms[0]"));
        given().auth().oauth2(TestJwt.token("demo", "agent")).contentType(ContentType.JSON)
                .body(Map.of("synonyms", List.of())).put(DICTIONARIES + "/product/x").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("synonyms", List.of()))
                .put(DICTIONARIES + "/product/x").then().statusCode(401);
    }

    @Test
    void intentsAreCreatedDescribedAndDeletedPerTenant() {
        String acme = tenant("acme");
        String editor = TestJwt.token(acme, "editor");
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of("description", "机票预订"))
                .put(INTENTS + "/book_flight").then().statusCode(204);
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of("description", "Book a flight"))
                .put(INTENTS + "/book_flight").then().statusCode(204);
        given().auth().oauth2(editor).get(INTENTS).then().statusCode(200)
                .body("find { it.name == 'book_flight' }.description", equalTo("Book a flight"))
                .body("find { it.name == 'book_flight' }.examples", equalTo(0));

        given().auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of("description", "x"))
                .put(INTENTS + "/not a name!").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name"));
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of("description", "x".repeat(501)))
                .put(INTENTS + "/book_flight").then().statusCode(400);

        // another tenant cannot see or delete it
        String other = TestJwt.token(tenant("other"), "admin");
        given().auth().oauth2(other).get(INTENTS).then().statusCode(200).body("name", not(hasItem("book_flight")));
        given().auth().oauth2(other).delete(INTENTS + "/book_flight").then().statusCode(404);

        given().auth().oauth2(editor).delete(INTENTS + "/book_flight").then().statusCode(204);
        given().auth().oauth2(editor).get(INTENTS).then().body("name", not(hasItem("book_flight")));
        given().auth().oauth2(editor).delete(INTENTS + "/book_flight").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void settingsChangeHowTheTenantsMessagesAreReadAndAreValidated() {
        String shop = tenant("shop");
        String admin = TestJwt.token(shop, "admin");
        given().auth().oauth2(TestJwt.token(shop, "editor")).get(SETTINGS).then().statusCode(200)
                .body("confidenceThreshold", nullValue()).body("orderNumberPattern", nullValue());
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"text\": \"订单LX123456到哪了\"}").post(PARSE)
                .then().statusCode(200).body("entities.type", not(hasItem("order_number")));

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("confidenceThreshold", 0.999, "orderNumberPattern", "LX\\d{6}"))
                .put(SETTINGS).then().statusCode(200).body("confidenceThreshold", equalTo(0.999f));
        given().auth().oauth2(TestJwt.token(shop, "editor")).get(SETTINGS).then().statusCode(200)
                .body("orderNumberPattern", equalTo("LX\\d{6}"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"text\": \"订单LX123456到哪了\"}").post(PARSE)
                .then().statusCode(200)
                .body("entities.find { it.type == 'order_number' }.value", equalTo("LX123456"))
                .body("intent.name", equalTo("nlu_fallback"));
        // the demo tenant keeps the service defaults
        given().auth().oauth2(TestJwt.token("demo", "agent")).contentType(ContentType.JSON)
                .body("{\"text\": \"我的快递怎么还没到\"}").post(PARSE)
                .then().statusCode(200).body("intent.name", equalTo("logistics"));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("confidenceThreshold", 1.5))
                .put(SETTINGS).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("orderNumberPattern", "(LX"))
                .put(SETTINGS).then().statusCode(400).body("errors.field", hasItem("orderNumberPattern"))
                .body("errors.message", hasItem(containsString("not a valid regular expression")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("orderNumberPattern", "\\d*"))
                .put(SETTINGS).then().statusCode(400)
                .body("errors.message", hasItem(containsString("empty text")));
        given().auth().oauth2(TestJwt.token(shop, "editor")).contentType(ContentType.JSON)
                .body(Map.of("confidenceThreshold", 0.1)).put(SETTINGS).then().statusCode(403);
    }
}
