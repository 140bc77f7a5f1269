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
import io.lingxi.nlu.service.EvaluationJobs;
import io.lingxi.nlu.service.JobTracker;
import io.lingxi.nlu.store.JobStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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
    private static final String TSV = "text/tab-separated-values";

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

    private static final String TRAVEL_TSV = """
            帮我订一张去北京的机票\tbook_flight
            我想买明天飞上海的机票\tbook_flight
            订机票\tbook_flight
            book a flight to beijing\tbook_flight
            i need a plane ticket to shanghai\tbook_flight
            明天北京天气怎么样\tweather
            今天会下雨吗\tweather
            上海天气\tweather
            what's the weather like tomorrow\tweather
            will it rain today\tweather
            我要退票\trefund_ticket
            机票怎么退\trefund_ticket
            cancel my flight and refund me\trefund_ticket
            i want a refund for my ticket\trefund_ticket
            """;

    @Inject
    JobTracker tracker;
    @Inject
    JobStore jobs;
    @Inject
    Pool pool;

    @Test
    void crossValidatesTheTenantsOwnDataAndScoresAnUploadedTestFile() {
        String tenant = "travel-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestJwt.token(tenant, "editor");
        given().auth().oauth2(token).contentType(TSV).body(TRAVEL_TSV.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/nlu/training-data/import").then().statusCode(200).body("imported", equalTo(14));

        String cv = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("folds", 3)).post(PATH)
                .then().statusCode(202).header("Location", containsString(PATH + "/"))
                .body("status", equalTo("RUNNING")).extract().path("id");
        String upload = given().auth().oauth2(token).contentType(TSV)
                .body(("# held-out questions\n订一张去广州的机票\tbook_flight\n广州明天下雨吗\tweather\n"
                        + "please refund my plane ticket\trefund_ticket\n").getBytes(StandardCharsets.UTF_8))
                .post(PATH).then().statusCode(202).extract().path("id");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                "DONE".equals(status(cv, tenant).extract().path("status"))
                        && "DONE".equals(status(upload, tenant).extract().path("status")));

        status(cv, tenant).statusCode(200)
                .body("progress", equalTo(1.0f))
                .body("report.trainSize", equalTo(14))
                .body("report.testSize", equalTo(14))
                .body("report.accuracy", greaterThan(0f))
                .body("report.macroF1", greaterThan(0f))
                .body("report.perIntent.intent", hasItems("book_flight", "weather", "refund_ticket"))
                .body("report.perIntent.find { it.intent == 'weather' }.support", equalTo(5))
                .body("report.perIntent[0].precision", notNullValue())
                .body("report.perIntent[0].recall", notNullValue())
                .body("report.topConfusions", notNullValue());
        status(upload, tenant).statusCode(200)
                .body("report.trainSize", equalTo(14))
                .body("report.testSize", equalTo(3))
                .body("report.perIntent.find { it.intent == 'refund_ticket' }.support", equalTo(1));

        // the jobs are the tenant's own, and live in the database: another tenant sees nothing
        status(cv, "demo").statusCode(404).contentType("application/problem+json");
        status(upload, "other-tenant").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badUploadsAndFoldsAreExplained() {
        String token = TestJwt.token("demo", "editor");
        given().auth().oauth2(token).contentType(TSV)
                .body("where is my parcel\tlogistics\nno tab on this line\n\tgreeting\nok\tbad intent!\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid evaluation data"))
                .body("errors.field", hasItems("line 2", "line 3", "line 4"));
        given().auth().oauth2(token).contentType(TSV).body(new byte[] {(byte) 0xC3, (byte) 0x28, '\t', 'a'})
                .post(PATH).then().statusCode(400).body("errors.field", hasItem("file"))
                .body("errors.message", hasItem(containsString("UTF-8")));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("folds", 1)).post(PATH)
                .then().statusCode(400).body("errors.field", hasItem("folds"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("folds", 3, "test", List.of(Map.of("text", "hi", "intent", "greeting")))).post(PATH)
                .then().statusCode(400).body("errors.field", hasItem("folds"));

        // a tenant without training data: the upload cannot train, k-fold fails with the reason
        String empty = "empty-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestJwt.token(empty, "admin")).contentType(TSV)
                .body("hello\tgreeting\n".getBytes(StandardCharsets.UTF_8)).post(PATH)
                .then().statusCode(400).body("detail", containsString("training data"));
        String job = given().auth().oauth2(TestJwt.token(empty, "admin")).contentType(ContentType.JSON)
                .body(Map.of("folds", 5)).post(PATH).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(job, empty).extract().path("status")));
        status(job, empty).body("errors.message", hasItem(containsString("at least two intents")));
    }

    @Test
    void jobsInterruptedByARestartEndFailedInsteadOfRunningForever() {
        String tenant = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String abandoned = UUID.randomUUID().toString();
        String alive = UUID.randomUUID().toString();
        jobs.create(abandoned, tenant, EvaluationJobs.EVALUATION).await().atMost(Duration.ofSeconds(10));
        jobs.create(alive, tenant, EvaluationJobs.EVALUATION).await().atMost(Duration.ofSeconds(10));
        // the replica running the first job stopped ten minutes ago: nobody has touched it since
        pool.preparedQuery("UPDATE nlu_job SET updated_at = updated_at - INTERVAL '10 minutes' WHERE id = $1")
                .execute(Tuple.of(abandoned)).await().atMost(Duration.ofSeconds(10));

        tracker.failInterrupted(); // what every replica does at start-up and every minute

        status(abandoned, tenant).statusCode(200).body("status", equalTo("FAILED"))
                .body("errors.message", hasItem(containsString("interrupted by a restart")));
        status(alive, tenant).statusCode(200).body("status", equalTo("RUNNING"));
        pool.preparedQuery("DELETE FROM nlu_job WHERE id = $1").execute(Tuple.of(alive))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static ValidatableResponse status(String id, String tenant) {
        return given().auth().oauth2(TestJwt.token(tenant, "editor")).get(PATH + "/" + id).then();
    }
}
