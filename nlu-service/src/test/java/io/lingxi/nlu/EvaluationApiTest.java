package io.lingxi.nlu;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import io.lingxi.nlu.model.LabeledText;
import io.lingxi.nlu.model.TrainingData;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "nlu_test"))
class EvaluationApiTest {

    private static final String PATH = "/api/v1/nlu/evaluations";

    @Test
    void trainsOnTheTenantsDataAndReportsHowItDid() {
        List<Map<String, String>> train = new ArrayList<>();
        for (LabeledText item : TrainingData.defaults()) {
            train.add(Map.of("text", item.text(), "intent", item.intent()));
        }
        List<Map<String, String>> test = List.of(
                Map.of("text", "我的包裹到哪儿了", "intent", "logistics"),
                Map.of("text", "could you tell me where my parcel is", "intent", "logistics"),
                Map.of("text", "我想把昨天买的鞋子退掉", "intent", "return_exchange"),
                Map.of("text", "I need a receipt for my purchase", "intent", "invoice"),
                Map.of("text", "转人工客服", "intent", "request_human"),
                Map.of("text", "怎么修改登录密码", "intent", "account"),
                Map.of("text", "what is the speed of light", "intent", "oos"),
                Map.of("text", "黑洞是怎么形成的", "intent", "oos"));
        String id = given().auth().oauth2(TestJwt.token("demo", "editor")).contentType(ContentType.JSON)
                .body(Map.of("train", train, "test", test)).post(PATH)
                .then().statusCode(202)
                .header("Location", containsString(PATH + "/"))
                .body("status", equalTo("RUNNING")).body("progress", greaterThanOrEqualTo(0f))
                .extract().path("id");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                "DONE".equals(status(id, "demo").extract().path("status")));

        status(id, "demo").statusCode(200)
                .body("progress", equalTo(1.0f))
                .body("report.trainSize", equalTo(train.size()))
                .body("report.testSize", equalTo(8))
                .body("report.accuracy", greaterThanOrEqualTo(0.75f))
                .body("report.macroF1", greaterThan(0f))
                .body("report.perIntent.intent", hasItems("logistics", "invoice", "nlu_fallback"))
                .body("report.perIntent.find { it.intent == 'logistics' }.support", equalTo(2))
                .body("report.topConfusions", notNullValue())
                .body("report.trainMillis", greaterThan(0))
                .body("report.meanPredictMicros", greaterThan(0f))
                .body("report.inScopeAccuracy", greaterThanOrEqualTo(0.66f))
                .body("report.oosRecall", greaterThanOrEqualTo(0.5f))
                .body("report.oosPrecision", lessThanOrEqualTo(1.0f));

        // another tenant cannot see it
        status(id, "other-tenant").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badTrainingDataIsExplainedAndNothingStarts() {
        List<Map<String, String>> train = List.of(
                Map.of("text", "where is my parcel", "intent", "logistics"),
                Map.of("text", "Where is my parcel", "intent", "order_status"),
                Map.of("text", "   ", "intent", "logistics"),
                Map.of("text", "invoice please", "intent", "invoice"));
        given().auth().oauth2(TestJwt.token("demo", "admin")).contentType(ContentType.JSON)
                .body(Map.of("train", train, "test", List.of(Map.of("text", "hi", "intent", "greeting"))))
                .post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid evaluation data"))
                .body("errors.field", hasItems("train[1].text", "train[2].text", "train"))
                .body("errors.message", hasItem(containsString("labelled both 'logistics' and 'order_status'")))
                .body("errors.message", hasItem(containsString("intent 'invoice' has only one example")));

        given().auth().oauth2(TestJwt.token("demo", "admin")).contentType(ContentType.JSON)
                .body(Map.of("train", List.of())).post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("train", "test"));

        given().auth().oauth2(TestJwt.token("demo", "admin")).contentType(ContentType.JSON)
                .body("{\"train\": [").post(PATH)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void atMostFiftyThousandItems() {
        List<Map<String, String>> train = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            train.add(Map.of("text", "t" + i, "intent", i % 2 == 0 ? "a" : "b"));
        }
        given().auth().oauth2(TestJwt.token("demo", "admin")).contentType(ContentType.JSON)
                .body(Map.of("train", train, "test", List.of(Map.of("text", "x", "intent", "a"))))
                .post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.message", hasItem(containsString("at most 50000 items (got 50001)")));
    }

    @Test
    void onlyAdminsAndEditorsMayEvaluate() {
        String body = "{\"train\":[],\"test\":[]}";
        given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(401);
        given().auth().oauth2(TestJwt.token("demo", "agent")).contentType(ContentType.JSON).body(body).post(PATH)
                .then().statusCode(403).contentType("application/problem+json");
        status("no-such-job", "demo").statusCode(404).contentType("application/problem+json");
    }

    private static ValidatableResponse status(String id, String tenant) {
        return given().auth().oauth2(TestJwt.token(tenant, "editor")).get(PATH + "/" + id).then();
    }
}
