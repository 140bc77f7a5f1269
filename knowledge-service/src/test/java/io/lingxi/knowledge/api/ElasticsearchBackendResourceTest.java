package io.lingxi.knowledge.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.lingxi.knowledge.ElasticsearchTestResource;
import io.lingxi.knowledge.search.SearchBackend;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole service on the Elasticsearch backend ({@code lingxi.knowledge.backend=elasticsearch}), real node. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "knowledge_es_test"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(ElasticsearchTestResource.class)
class ElasticsearchBackendResourceTest {

    private static final String BASE = "/api/v1/knowledge";

    @Inject
    SearchBackend backend;

    @Test
    void theSeededKnowledgeBaseAnswersFromElasticsearch() {
        org.assertj.core.api.Assertions.assertThat(backend.name()).isEqualTo("elasticsearch");
        String agent = TestJwt.token("demo", "agent");
        given().auth().oauth2(agent).queryParam("q", "怎么退货呀").queryParam("limit", 3).get(BASE + "/search").then()
                .statusCode(200)
                .body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo("demo-zh-returns"))
                .body("hits[0].answer", containsString("七天无理由退货"))
                .body("hits[0].score", equalTo(1.0f));
        given().auth().oauth2(agent).queryParam("q", "where is my parcel?").get(BASE + "/search").then()
                .statusCode(200)
                .body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo("demo-en-tracking"));
        given().auth().oauth2(agent).queryParam("q", "双十一活动什么时候开始？").queryParam("limit", 20)
                .get(BASE + "/search").then().statusCode(200)
                .body("hits.entryId", not(hasItem("demo-zh-double11-draft")));
        given().auth().oauth2(TestJwt.token("acme", "agent")).queryParam("q", "怎么退货呀").get(BASE + "/search").then()
                .statusCode(200).body("decision", equalTo("UNANSWERED")).body("hits", empty());
    }

    @Test
    void anEvaluationRunsOnAThrowAwayElasticsearchIndex() {
        String editor = TestJwt.token("esco", "editor");
        String location = given().auth().oauth2(editor).contentType("application/json")
                .body(Map.of("backend", "elasticsearch",
                        "entries", List.of(Map.of("id", "returns", "question", "怎么退货？", "answer", "申请售后"),
                                Map.of("id", "invoice", "question", "怎么开发票？", "answer", "申请开票")),
                        "queries", List.of(Map.of("query", "我想退货", "relevantIds", List.of("returns")),
                                Map.of("query", "发票怎么开", "relevantIds", List.of("invoice")))))
                .post(BASE + "/evaluations").then().statusCode(202).extract().header("Location");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> given()
                .auth().oauth2(editor).get(location).then().statusCode(200)
                .body("status", equalTo("DONE"))
                .body("backend", equalTo("elasticsearch"))
                .body("report.precisionAt1", equalTo(1.0f))
                .body("report.recallAt10", equalTo(1.0f)));
    }

    @Test
    void editsThroughTheManagementApiAreSearchableAtOnce() {
        String editor = TestJwt.token("esco", "editor");
        given().auth().oauth2(editor).contentType("application/json").body(Map.of("id", "esco-gift-wrap",
                "question", "可以开礼品包装吗？", "similarQuestions", List.of("能不能包装成礼物"),
                "answer", "可以，结算时勾选「礼品包装」，每单 5 元。", "language", "zh", "status", "published"))
                .post(BASE + "/entries").then().statusCode(201);
        given().auth().oauth2(TestJwt.token("esco", "agent")).queryParam("q", "能包装成礼物吗").get(BASE + "/search")
                .then().statusCode(200)
                .body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo("esco-gift-wrap"));
        given().auth().oauth2(editor).get(BASE + "/lookup?q=礼品").then().statusCode(200)
                .body("id", hasItem("esco-gift-wrap"));
        given().auth().oauth2(editor).delete(BASE + "/entries/esco-gift-wrap").then().statusCode(204);
        given().auth().oauth2(TestJwt.token("esco", "agent")).queryParam("q", "可以开礼品包装吗？").get(BASE + "/search")
                .then().statusCode(200).body("decision", equalTo("UNANSWERED"));
    }
}
