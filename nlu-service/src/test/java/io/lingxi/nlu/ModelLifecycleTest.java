package io.lingxi.nlu;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.Topics;
import io.lingxi.contracts.events.ModelPublished;
import io.lingxi.nlu.messaging.ModelPublisher;
import io.lingxi.nlu.service.ActiveIntentModel;
import io.lingxi.nlu.service.JobTracker;
import io.lingxi.nlu.service.ModelLifecycle;
import io.lingxi.nlu.store.AnnotatedExampleStore;
import io.lingxi.nlu.store.JobStore;
import io.lingxi.nlu.store.ModelStore;
import io.lingxi.nlu.store.TrainingDataStore;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Training data over REST, training jobs, model versions, activation and hot-swap. The second replica is an
 * honest stand-in, not a second process: its own model registry and lifecycle (the same classes a replica runs),
 * fed from {@code cs.nlu.model.v1} by this test's own consumer and loading from the same database.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "nlu_test"))
class ModelLifecycleTest {

    private static final String TSV = "text/tab-separated-values";

    /** A small travel assistant; NameFinderApiTest trains its intent model on it too. */
    static final String TRAINING_TSV = """
            # travel assistant
            帮我订一张去北京的机票\tbook_flight
            我想买明天飞上海的机票\tbook_flight
            订机票\tbook_flight
            有没有去广州的航班\tbook_flight
            book a flight to beijing\tbook_flight
            i need a plane ticket to shanghai\tbook_flight
            find me a flight tomorrow\tbook_flight
            明天北京天气怎么样\tweather
            今天会下雨吗\tweather
            上海天气\tweather
            what's the weather like tomorrow\tweather
            will it rain today\tweather
            is it sunny in beijing\tweather
            我要退票\trefund_ticket
            机票怎么退\trefund_ticket
            退掉我的航班\trefund_ticket
            cancel my flight and refund me\trefund_ticket
            i want a refund for my ticket\trefund_ticket
            how do i get my ticket money back\trefund_ticket
            """;

    @Inject
    TrainingDataStore data;
    @Inject
    AnnotatedExampleStore annotated;
    @Inject
    ModelStore models;
    @Inject
    JobStore jobs;
    @Inject
    ModelPublisher publisher;
    @Inject
    ObjectMapper mapper;
    @Inject
    ActiveIntentModel active;

    @Test
    void tenantsManageTheirOwnTrainingDataAndSeeOnlyTheirOwn() {
        String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String editor = TestJwt.token(tenant, "editor");
        given().auth().oauth2(editor).contentType(TSV).body(TRAINING_TSV.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/nlu/training-data/import").then().statusCode(200).body("imported", equalTo(19));
        given().auth().oauth2(editor).get("/api/v1/nlu/training-data/intents").then().statusCode(200)
                .body("name", hasItems("book_flight", "weather", "refund_ticket"))
                .body("find { it.name == 'weather' }.examples", equalTo(6));
        int id = given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body("{\"text\":\"后天深圳热不热\",\"intent\":\"weather\"}").post("/api/v1/nlu/training-data/examples")
                .then().statusCode(201).header("Location", containsString("/examples/")).extract().path("id");
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body("{\"text\":\"后天深圳热不热 \",\"intent\":\"book_flight\"}")
                .post("/api/v1/nlu/training-data/examples").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("weather"));
        given().auth().oauth2(editor).contentType(ContentType.JSON).body("{\"text\":\" \",\"intent\":\"a b\"}")
                .post("/api/v1/nlu/training-data/examples").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItems("text", "intent"));

        String stranger = TestJwt.token("other-" + tenant, "admin");
        given().auth().oauth2(stranger).get("/api/v1/nlu/training-data/intents").then().statusCode(200)
                .body("$", hasSize(0));
        given().auth().oauth2(stranger).get("/api/v1/nlu/training-data/export?format=tsv").then().statusCode(200)
                .body(equalTo(""));
        given().auth().oauth2(stranger).delete("/api/v1/nlu/training-data/examples/" + id).then().statusCode(404);
        given().auth().oauth2(TestJwt.token(tenant, "agent")).get("/api/v1/nlu/training-data/intents").then()
                .statusCode(403);
        given().get("/api/v1/nlu/training-data/intents").then().statusCode(401);

        given().auth().oauth2(editor).delete("/api/v1/nlu/training-data/examples/" + id).then().statusCode(204);
        String yaml = given().auth().oauth2(editor).get("/api/v1/nlu/training-data/export?format=yaml").then()
                .statusCode(200).extract().asString();
        assertThat(yaml).contains("nlu:", "intent: weather", "- 明天北京天气怎么样").doesNotContain("后天深圳热不热");
        given().auth().oauth2(editor).get("/api/v1/nlu/training-data/export").then().statusCode(200)
                .body("intent", hasItem("refund_ticket")).body("$", hasSize(19));
    }

    @Test
    void importsRejectBadFilesWithLineNumbersAndSkipRepeats() {
        String tenant = "imp-" + UUID.randomUUID().toString().substring(0, 8);
        String editor = TestJwt.token(tenant, "editor");
        String bad = "订机票\tbook_flight\n\tweather\n只有文字没有意图\n订机票\tweather\n";
        given().auth().oauth2(editor).contentType(TSV).body(bad.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/nlu/training-data/import").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("line 2", "line 3", "line 4"))
                .body("errors.find { it.field == 'line 4' }.message", containsString("on line 1"));
        byte[] latin1 = "caf\u00e9\tgreeting\n".getBytes(StandardCharsets.ISO_8859_1);
        given().auth().oauth2(editor).contentType(TSV).body(latin1)
                .post("/api/v1/nlu/training-data/import").then().statusCode(400)
                .body("errors[0].field", equalTo("file")).body("errors[0].message", containsString("UTF-8"));
        given().auth().oauth2(editor).get("/api/v1/nlu/training-data/intents").then().body("$", hasSize(0));

        String yaml = """
                version: "3.1"
                nlu:
                - intent: greet
                  examples: |
                    - 你好
                    - hello there
                    - 你好
                - intent: bye
                  examples: |
                    - 再见
                    - see you
                """;
        given().auth().oauth2(editor).contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/nlu/training-data/import").then().statusCode(200).body("imported", equalTo(4))
                .body("duplicates[0].line", equalTo(7)).body("duplicates[0].message", containsString("line 5"));
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body("[{\"text\":\"hello there\",\"intent\":\"bye\"},\n {\"text\":\"\",\"intent\":\"bye\"}]")
                .post("/api/v1/nlu/training-data/import").then().statusCode(400)
                .body("errors.field", hasItems("line 1", "line 2"))
                .body("errors.find { it.field == 'line 1' }.message", containsString("already an example of 'greet'"));
    }

    @Test
    void trainingMakesAVersionThatEveryReplicaServesOnceActivated() throws Exception {
        String tenant = "travel-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TestJwt.token(tenant, "admin");
        given().auth().oauth2(admin).contentType(TSV).body(TRAINING_TSV.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/nlu/training-data/import").then().statusCode(200);

        // a second replica: its own registry and lifecycle, reading the model topic and the same database
        ActiveIntentModel replicaModels = ActiveIntentModel.serving(active.current());
        ModelLifecycle replica = new ModelLifecycle(data, annotated, models, jobs, replicaModels, publisher, mapper,
                new JobTracker(jobs));
        assertThat(replicaModels.forTenant(tenant).version()).isEqualTo(ActiveIntentModel.DEFAULT_VERSION);

        String first = trainAndWait(admin, true);
        given().auth().oauth2(admin).get("/api/v1/nlu/models").then().statusCode(200)
                .body("find { it.version == '" + first + "' }.active", equalTo(true))
                .body("find { it.version == '" + first + "' }.report.accuracy", notNullValue());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin)
                .contentType(ContentType.JSON).body("{\"text\":\"帮我订一张去上海的机票\"}").post("/api/v1/nlu/parse")
                .then().statusCode(200).body("modelVersion", equalTo(first))
                .body("intent.name", equalTo("book_flight")));
        feedFromTopic(replica, tenant, first);
        assertThat(replicaModels.forTenant(tenant).version()).isEqualTo(first);
        assertThat(replicaModels.forTenant(tenant).predict("will it rain in shanghai tomorrow")).isEqualTo("weather");
        // other tenants keep the default model
        given().auth().oauth2(TestJwt.token("demo", "agent")).contentType(ContentType.JSON)
                .body("{\"text\":\"where is my parcel\"}").post("/api/v1/nlu/parse").then().statusCode(200)
                .body("modelVersion", equalTo(ActiveIntentModel.DEFAULT_VERSION))
                .body("intent.name", equalTo("logistics"));

        // a second version, then a roll-back to the first
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"text\":\"北京冷不冷\",\"intent\":\"weather\"}")
                .post("/api/v1/nlu/training-data/examples").then().statusCode(201);
        String second = trainAndWait(admin, false);
        assertThat(second).isNotEqualTo(first);
        given().auth().oauth2(admin).post("/api/v1/nlu/models/" + second + "/activate").then().statusCode(200)
                .body("active", equalTo(true));
        feedFromTopic(replica, tenant, second);
        assertThat(replicaModels.forTenant(tenant).version()).isEqualTo(second);
        given().auth().oauth2(admin).post("/api/v1/nlu/models/" + first + "/activate").then().statusCode(200);
        feedFromTopic(replica, tenant, first);
        assertThat(replicaModels.forTenant(tenant).version()).isEqualTo(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.equals(active.forTenant(tenant).version()));
        given().auth().oauth2(admin).post("/api/v1/nlu/models/nope-1/activate").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestJwt.token("other-" + tenant, "admin")).post("/api/v1/nlu/models/" + first
                + "/activate").then().statusCode(404);

        // bad data fails the job with a report; the active model stays in service
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"text\":\"查一下积分\",\"intent\":\"points\"}")
                .post("/api/v1/nlu/training-data/examples").then().statusCode(201);
        String job = given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"activate\":true}")
                .post("/api/v1/nlu/training-jobs").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(given().auth().oauth2(admin)
                .get("/api/v1/nlu/training-jobs/" + job).then().extract().path("status")));
        given().auth().oauth2(admin).get("/api/v1/nlu/training-jobs/" + job).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("errors.message", hasItem(containsString("intent 'points' has only one example")));
        given().auth().oauth2(TestJwt.token("other-" + tenant, "admin")).get("/api/v1/nlu/training-jobs/" + job)
                .then().statusCode(404);
        assertThat(active.forTenant(tenant).version()).isEqualTo(first);
    }

    private static String trainAndWait(String token, boolean activate) {
        String job = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"activate\":" + activate + "}").post("/api/v1/nlu/training-jobs").then().statusCode(202)
                .header("Location", containsString("/api/v1/nlu/training-jobs/")).body("status", equalTo("RUNNING"))
                .extract().path("id");
        await().atMost(Duration.ofSeconds(90)).until(() -> "DONE".equals(given().auth().oauth2(token)
                .get("/api/v1/nlu/training-jobs/" + job).then().statusCode(200).extract().path("status")));
        return given().auth().oauth2(token).get("/api/v1/nlu/training-jobs/" + job).then()
                .body("progress", equalTo(1.0f)).body("report.accuracy", notNullValue()).extract()
                .path("modelVersion");
    }

    /** The second replica's consumer: the tenant's latest record on the compacted topic. */
    private void feedFromTopic(ModelLifecycle replica, String tenant, String expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = KafkaTopics.readAll(Topics.NLU_MODEL).stream()
                    .filter(r -> tenant.equals(r.key())).toList();
            assertThat(records).isNotEmpty();
            ModelPublished latest = mapper.readValue(records.get(records.size() - 1).value(), ModelPublished.class);
            assertThat(latest.modelVersion()).isEqualTo(expected);
            replica.load(latest);
        });
    }
}
