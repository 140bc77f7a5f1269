package io.lingxi.knowledge.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.lingxi.knowledge.IndexDirectoryTestResource;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evaluation jobs and hot topics, on the default (Lucene) backend; same resources as the other API tests. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "knowledge_test"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(IndexDirectoryTestResource.class)
class KnowledgeInsightsResourceTest {

    private static final String BASE = "/api/v1/knowledge";

    @Test
    void anEvaluationReportsPrecisionMrrRecallLatencyAndMisses() {
        String editor = TestJwt.token("evalco", "editor");
        Map<String, Object> body = Map.of("backend", "lucene",
                "entries", List.of(
                        Map.of("id", "returns", "question", "怎么退货？", "similarQuestions", List.of("退货流程是什么"),
                                "answer", "在订单页申请售后"),
                        Map.of("id", "invoice", "question", "怎么开发票？", "similarQuestions", List.of("电子发票怎么下载"),
                                "answer", "在订单页申请开票"),
                        Map.of("id", "parcel", "question", "快递多久能到？", "answer", "两到四天")),
                "queries", List.of(
                        Map.of("query", "我想退货", "relevantIds", List.of("returns")),
                        Map.of("query", "发票在哪下载", "relevantIds", List.of("invoice")),
                        Map.of("query", "包裹什么时候到", "relevantIds", List.of("parcel")),
                        Map.of("query", "量子力学", "relevantIds", List.of("returns"))),
                "synonyms", List.of(List.of("快递", "包裹")));
        String location = given().auth().oauth2(editor).contentType("application/json").body(body)
                .post(BASE + "/evaluations").then()
                .statusCode(202)
                .header("Location", containsString("/api/v1/knowledge/evaluations/"))
                .body("id", notNullValue())
                .extract().header("Location");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(editor).get(location).then()
                .statusCode(200).body("status", equalTo("DONE")));
        JsonPath report = given().auth().oauth2(editor).get(location).then().statusCode(200)
                .body("processed", equalTo(7)).body("total", equalTo(7))
                .extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(report.getDouble("report.precisionAt1")).isEqualTo(0.75);
        org.assertj.core.api.Assertions.assertThat(report.getDouble("report.mrrAt10")).isEqualTo(0.75);
        org.assertj.core.api.Assertions.assertThat(report.getDouble("report.recallAt10")).isEqualTo(0.75);
        org.assertj.core.api.Assertions.assertThat(report.getDouble("report.p99LatencyMillis")).isPositive();
        org.assertj.core.api.Assertions.assertThat(report.getList("report.misses.query")).containsExactly("量子力学");

        given().auth().oauth2(TestJwt.token("other", "editor")).get(location).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestJwt.token("evalco", "agent")).get(location).then().statusCode(403);
    }

    @Test
    void anEvaluationOfTheTenantsOwnKnowledgeBase() {
        String editor = TestJwt.token("demo", "editor");
        String location = given().auth().oauth2(editor).contentType("application/json")
                .body(Map.of("queries", List.of(Map.of("query", "怎么退货呀", "relevantIds", List.of("demo-zh-returns")),
                        Map.of("query", "where is my parcel", "relevantIds", List.of("demo-en-tracking")))))
                .post(BASE + "/evaluations").then().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(editor).get(location).then()
                .statusCode(200).body("status", equalTo("DONE"))
                .body("report.entries", greaterThanOrEqualTo(60))
                .body("report.precisionAt1", equalTo(1.0f)));
    }

    @Test
    void badEvaluationRequestsAreRefusedWithTheFieldsToFix() {
        String editor = TestJwt.token("evalco", "editor");
        given().auth().oauth2(editor).contentType("application/json")
                .body(Map.of("backend", "solr", "entries", List.of(Map.of("id", "a", "question", "问题"),
                        Map.of("id", "a", "question", "重复")), "queries", List.of(Map.of("query", "x",
                        "relevantIds", List.of("nope")))))
                .post(BASE + "/evaluations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("backend", "entries[1].id", "queries[0].relevantIds"));
        given().auth().oauth2(editor).contentType("application/json").body(Map.of("queries", List.of()))
                .post(BASE + "/evaluations").then().statusCode(400).body("errors.field", hasItem("queries"));
        given().auth().oauth2(editor).contentType("application/json").body("{\"queries\": ")
                .post(BASE + "/evaluations").then().statusCode(400);
    }

    @Test
    void unansweredQuestionsBecomeHotTopicsAndATopicBecomesADraftEntry() {
        String agent = TestJwt.token("hotco", "agent");
        for (String q : List.of("可以用数字人民币支付吗", "可以用数字人民币支付吗？", "能用数字人民币付款吗",
                "我的手机13812345678，可以用数字人民币支付吗", "门店有充电宝借吗")) {
            given().auth().oauth2(agent).queryParam("q", q).get(BASE + "/search").then().statusCode(200)
                    .body("decision", equalTo("UNANSWERED"));
        }
        given().auth().oauth2(TestJwt.token("othertenant", "agent")).queryParam("q", "可以用数字人民币支付吗")
                .get(BASE + "/search").then().statusCode(200);
        String editor = TestJwt.token("hotco", "editor");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(editor)
                .get(BASE + "/hot-topics").then().statusCode(200)
                .body("questions", equalTo(5))
                .body("topics[0].question", equalTo("可以用数字人民币支付吗"))
                .body("topics[0].count", equalTo(4))
                .body("topics[1].count", equalTo(1)));
        JsonPath topics = given().auth().oauth2(editor).get(BASE + "/hot-topics").then().statusCode(200)
                .body("topics[0].examples.question", hasItem("我的手机<phone>，可以用数字人民币支付吗"))
                .body("topics.examples.question.flatten()", everyItem(not(containsString("13812345678"))))
                .extract().jsonPath();
        String topicId = topics.getString("topics[0].id");

        given().auth().oauth2(TestJwt.token("othertenant", "editor")).get(BASE + "/hot-topics").then()
                .statusCode(200).body("topics.question", not(hasItem("门店有充电宝借吗")));
        given().auth().oauth2(editor).get(BASE + "/hot-topics?from=2026-13-01").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().auth().oauth2(editor).get(BASE + "/hot-topics?from=2030-01-01&to=2029-01-01").then().statusCode(400);
        given().auth().oauth2(agent).get(BASE + "/hot-topics").then().statusCode(403);

        given().auth().oauth2(editor).post(BASE + "/hot-topics/" + topicId + "/entry").then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/knowledge/entries/"))
                .body("status", equalTo("draft"))
                .body("question", equalTo("可以用数字人民币支付吗"))
                .body("similarQuestions", hasItem("能用数字人民币付款吗"))
                .body("language", equalTo("zh"));
        given().auth().oauth2(editor).post(BASE + "/hot-topics/tnope/entry").then().statusCode(404)
                .contentType("application/problem+json");
        // a draft is never served
        given().auth().oauth2(agent).queryParam("q", "可以用数字人民币支付吗").get(BASE + "/search").then()
                .statusCode(200).body("decision", equalTo("UNANSWERED"));
    }
}
