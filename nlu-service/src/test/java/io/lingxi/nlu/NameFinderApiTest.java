package io.lingxi.nlu;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.Topics;
import io.lingxi.contracts.events.ModelPublished;
import io.lingxi.nlu.messaging.ModelPublisher;
import io.lingxi.nlu.names.NameExamples;
import io.lingxi.nlu.names.NameFinderModel;
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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The name finder end to end: annotated examples over REST (each tenant its own, bad ones rejected with the line
 * and reason), trained by the training job beside the intent model, stored with the version, found in parsed
 * messages with offsets into the original text, and carried to every replica by activation and roll-back.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "nlu_test"))
class NameFinderApiTest {

    private static final String EXAMPLES = "/api/v1/nlu/annotated-examples";
    private static final String PARSE = "/api/v1/nlu/parse";

    // the intent model needs some data of its own: ModelLifecycleTest's travel assistant
    private static final String INTENTS_TSV = ModelLifecycleTest.TRAINING_TSV;

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

    private static String tenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void annotatedExamplesAreTheTenantsOwnAndBadOnesAreRejectedWithTheReason() {
        String shop = tenant("shop");
        String editor = TestJwt.token(shop, "editor");
        int id = given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("annotated", "我想买<START:product> 小米14 <END>")).post(EXAMPLES)
                .then().statusCode(201).header("Location", containsString(EXAMPLES + "/"))
                .body("text", equalTo("我想买小米14")).body("entities[0].type", equalTo("product"))
                .body("entities[0].start", equalTo(3)).body("entities[0].end", equalTo(7))
                .body("entities[0].text", equalTo("小米14")).extract().path("id");
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body("{\"text\": \"my AirPods Pro are broken\", \"entities\": [{\"type\": \"product\", \"start\": 3,"
                        + " \"end\": 14}]}").post(EXAMPLES)
                .then().statusCode(201).body("annotated", equalTo("my <START:product> AirPods Pro <END> are broken"));
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("annotated", "我想买<START:brand> 小米 <END>14")).post(EXAMPLES)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already an annotated example"));
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("annotated", "我想买<START:product> 华为Mate60")).post(EXAMPLES)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("annotated"))
                .body("errors[0].message", equalTo("<START:product> is never closed with <END>"));
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body("{\"text\": \"my AirPods Pro\", \"entities\": [{\"type\": \"product\", \"start\": 5, \"end\": 14},"
                        + " {\"type\": \"bad type\", \"start\": 0, \"end\": 2}]}").post(EXAMPLES)
                .then().statusCode(400).body("errors.field", hasItem("entities"))
                .body("errors.message", hasItem(containsString("the type must be 1-100 letters")));

        // a file: all or nothing, one error per bad line
        String bad = """
                # products and cities
                寄到<START:city> 上海 <END>要几天
                我想买<START:product> <END>吗
                do you ship to <START:city> Boston
                <END> is this right
                我的<START:product> 荣耀X50 <END>坏了
                """;
        given().auth().oauth2(editor).contentType("text/plain; charset=UTF-8")
                .body(bad.getBytes(StandardCharsets.UTF_8)).post(EXAMPLES + "/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("nothing was imported"))
                .body("errors.field", equalTo(List.of("line 3", "line 4", "line 5")))
                .body("errors.message", equalTo(List.of("<START:product> <END> marks an empty name",
                        "<START:city> is never closed with <END>", "<END> without a <START:type> before it")));
        given().auth().oauth2(editor).contentType("application/xml").body("<x/>".getBytes(StandardCharsets.UTF_8))
                .post(EXAMPLES + "/import").then().statusCode(415).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file"));
        given().auth().oauth2(editor).contentType("text/plain").body(new byte[] {(byte) 0xC3, 0x28})
                .post(EXAMPLES + "/import").then().statusCode(400).body("errors[0].field", equalTo("file"))
                .body("errors[0].message", containsString("not UTF-8"));
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body("[{\"annotated\": \"寄到<START:city> 上海 <END>要几天\"}, {\"text\": \"我在北京\", \"entities\":"
                        + " [{\"type\": \"city\", \"start\": 2, \"end\": 9}]}]").post(EXAMPLES + "/import")
                .then().statusCode(400).body("errors.field", equalTo(List.of("item 2")));
        given().auth().oauth2(editor).get(EXAMPLES).then().statusCode(200).body("$", hasSize(2));

        String good = """
                寄到<START:city> 上海 <END>要几天
                我想买<START:product> 小米14 <END>
                do you ship to <START:city> Boston <END>
                """;
        given().auth().oauth2(editor).contentType("text/plain").body(good.getBytes(StandardCharsets.UTF_8))
                .post(EXAMPLES + "/import").then().statusCode(200).body("imported", equalTo(2))
                .body("duplicates[0].where", equalTo("line 2"));
        given().auth().oauth2(editor).queryParam("type", "city").get(EXAMPLES).then().statusCode(200)
                .body("text", equalTo(List.of("寄到上海要几天", "do you ship to Boston")));
        String exported = given().auth().oauth2(editor).get(EXAMPLES + "/export").then().statusCode(200)
                .extract().asString();
        assertThat(exported).contains("我想买<START:product> 小米14 <END>\n", "do you ship to <START:city> Boston <END>\n");

        // training data in JSON may carry the names of its examples too: all or nothing
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body("[{\"text\": \"深圳有门店吗\", \"intent\": \"store_info\", \"entities\": [{\"type\": \"city\","
                        + " \"start\": 0, \"end\": 2}]},\n {\"text\": \"广州有门店吗\", \"intent\": \"store_info\","
                        + " \"entities\": [{\"type\": \"city\", \"start\": 1, \"end\": 2}, {\"start\": 0}]}]")
                .post("/api/v1/nlu/training-data/import").then().statusCode(400)
                .body("errors.field", equalTo(List.of("item 2")))
                .body("errors[0].message", containsString("needs \"type\" and integer \"start\" and \"end\""));
        given().auth().oauth2(editor).get("/api/v1/nlu/training-data/intents").then().statusCode(200)
                .body("$", empty());
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body("[{\"text\": \"深圳有门店吗\", \"intent\": \"store_info\", \"entities\": [{\"type\": \"city\","
                        + " \"start\": 0, \"end\": 2}]},\n {\"text\": \"门店几点开门\", \"intent\": \"store_info\"}]")
                .post("/api/v1/nlu/training-data/import").then().statusCode(200).body("imported", equalTo(2));
        given().auth().oauth2(editor).queryParam("type", "city").get(EXAMPLES).then().statusCode(200)
                .body("annotated", hasItem("<START:city> 深圳 <END>有门店吗"))
                .body("text", not(hasItem("门店几点开门")));

        // another tenant neither sees nor touches them; agents cannot manage them
        String other = TestJwt.token(tenant("other"), "admin");
        given().auth().oauth2(other).get(EXAMPLES).then().statusCode(200).body("$", empty());
        given().auth().oauth2(other).delete(EXAMPLES + "/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestJwt.token(shop, "agent")).get(EXAMPLES).then().statusCode(403);
        given().get(EXAMPLES).then().statusCode(401);

        given().auth().oauth2(editor).delete(EXAMPLES + "/" + id).then().statusCode(204);
        given().auth().oauth2(editor).get(EXAMPLES).then().statusCode(200).body("text", not(hasItem("我想买小米14")));
    }

    @Test
    void trainingAlsoTrainsTheNameFinderAndEveryReplicaSwapsItIn() throws Exception {
        String tenant = tenant("names");
        String admin = TestJwt.token(tenant, "admin");
        given().auth().oauth2(admin).contentType("text/tab-separated-values")
                .body(INTENTS_TSV.getBytes(StandardCharsets.UTF_8)).post("/api/v1/nlu/training-data/import")
                .then().statusCode(200);
        String withoutNames = trainAndWait(admin);
        String heldOutZh = "我想买海尔冰箱"; // a name not in the training sentences
        parse(admin, heldOutZh).then().body("modelVersion", equalTo(withoutNames))
                .body("entities.type", not(hasItem("product")));

        List<String> lines = new ArrayList<>(NameExamples.training(true));
        lines.addAll(NameExamples.training(false));
        given().auth().oauth2(admin).contentType("text/plain")
                .body(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)).post(EXAMPLES + "/import")
                .then().statusCode(200).body("imported", equalTo(lines.size()));

        ActiveIntentModel replicaModels = ActiveIntentModel.serving(active.current());
        ModelLifecycle replica = new ModelLifecycle(data, annotated, models, jobs, replicaModels, publisher, mapper,
                new JobTracker(jobs));
        String withNames = trainAndWait(admin);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> parse(admin, heldOutZh).then()
                .body("modelVersion", equalTo(withNames)));

        given().auth().oauth2(admin).get("/api/v1/nlu/models").then().statusCode(200)
                .body("find { it.version == '" + withoutNames + "' }.report.nameFinder", equalTo(null))
                .body("find { it.version == '" + withNames + "' }.report.nameFinder.examples", equalTo(lines.size()))
                .body("find { it.version == '" + withNames + "' }.report.nameFinder.perType.city.support",
                        equalTo(2 * (25 + 12)));
        double f1 = given().auth().oauth2(admin).get("/api/v1/nlu/models").then().extract().jsonPath()
                .getDouble("find { it.version == '" + withNames + "' }.report.nameFinder.overall.f1");
        assertThat(f1).isGreaterThan(0.8);

        // names never seen in training, Chinese and English, with offsets into the text as written
        for (boolean chinese : new boolean[] {true, false}) {
            int expected = 0;
            int correct = 0;
            for (String[] item : NameExamples.heldOut(chinese)) {
                JsonPath found = parse(admin, item[0]).then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> entities = found.getList("entities");
                for (int k = 1; k < item.length; k += 2) {
                    expected++;
                    int start = item[0].indexOf(item[k + 1]);
                    String type = item[k];
                    String name = item[k + 1];
                    if (entities.stream().anyMatch(e -> type.equals(e.get("type")) && name.equals(e.get("text"))
                            && e.get("start").equals(start) && e.get("end").equals(start + name.length()))) {
                        correct++;
                    }
                }
            }
            assertThat(correct / (double) expected).as(chinese ? "Chinese" : "English").isGreaterThanOrEqualTo(0.8);
        }
        String fullWidth = "　我想买　ＯＰＰＯ Ｒｅｎｏ11　，谢谢";
        parse(admin, fullWidth).then().statusCode(200)
                .body("entities.find { it.type == 'product' }.text", equalTo("ＯＰＰＯ Ｒｅｎｏ11"))
                .body("entities.find { it.type == 'product' }.value", equalTo("OPPO Reno11"))
                .body("entities.find { it.type == 'product' }.start", equalTo(5))
                .body("entities.find { it.type == 'product' }.end", equalTo(16));
        JsonPath confident = parse(admin, "my new Galaxy Buds is broken").then().statusCode(200).extract().jsonPath();
        assertThat(confident.getList("entities.type", String.class)).containsExactly("product");
        assertThat(confident.getDouble("entityConfidences[0]")).isBetween(0.3, 1.0);

        // exact matches win: the tenant's dictionary and the order-number pattern over the learned names
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("synonyms", List.of("小米14")))
                .put("/api/v1/nlu/dictionaries/product/Xiaomi 14").then().statusCode(200);
        parse(admin, "我想买小米14").then().statusCode(200).body("entities", hasSize(1))
                .body("entities[0].value", equalTo("Xiaomi 14")).body("entities[0].start", equalTo(3))
                .body("entityConfidences[0]", equalTo(1.0f));
        parse(admin, "我想买AB12345678").then().statusCode(200).body("entities", hasSize(1))
                .body("entities[0].type", equalTo("order_number"));
        // another tenant has no name finder
        parse(TestJwt.token(tenant("other"), "agent"), heldOutZh).then().statusCode(200)
                .body("entities.type", not(hasItem("product")));

        // the second replica swaps the name finder in with the version, and out again on roll-back
        feedFromTopic(replica, tenant, withNames);
        NameFinderModel replicaNames = replicaModels.nameFinder(tenant).orElseThrow();
        assertThat(replicaNames.types()).containsExactly("city", "product");
        assertThat(replicaNames.find("我想买海尔冰箱")).extracting(NameFinderModel.Found::text).containsExactly("海尔冰箱");
        given().auth().oauth2(admin).post("/api/v1/nlu/models/" + withoutNames + "/activate").then().statusCode(200);
        feedFromTopic(replica, tenant, withoutNames);
        assertThat(replicaModels.nameFinder(tenant)).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> parse(admin, heldOutZh).then()
                .body("modelVersion", equalTo(withoutNames)).body("entities.type", not(hasItem("product"))));
        given().auth().oauth2(admin).post("/api/v1/nlu/models/" + withNames + "/activate").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> parse(admin, heldOutZh).then()
                .body("modelVersion", equalTo(withNames))
                .body("entities.find { it.type == 'product' }.text", equalTo("海尔冰箱"))
                .body("entities.find { it.type == 'product' }.start", equalTo(3)));
    }

    private static io.restassured.response.Response parse(String token, String text) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", text)).post(PARSE);
    }

    private static String trainAndWait(String token) {
        String job = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"activate\":true}")
                .post("/api/v1/nlu/training-jobs").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(90)).until(() -> !"RUNNING".equals(given().auth().oauth2(token)
                .get("/api/v1/nlu/training-jobs/" + job).then().statusCode(200).extract().path("status")));
        return given().auth().oauth2(token).get("/api/v1/nlu/training-jobs/" + job).then()
                .body("status", equalTo("DONE")).extract().path("modelVersion");
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
