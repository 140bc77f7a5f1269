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
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.lingxi.knowledge.IndexDirectoryTestResource;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    void anEvaluationReportsPrecisionMrrRecallLatencyAndMisses() throws Exception {
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

        // the job and its report are in PostgreSQL: any instance, and this one after a restart, answers for it
        String id = location.substring(location.lastIndexOf('/') + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT status, report::jsonb ->> 'precisionAt1' FROM evaluation_job WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                org.assertj.core.api.Assertions.assertThat(row.next()).isTrue();
                org.assertj.core.api.Assertions.assertThat(row.getString(1)).isEqualTo("DONE");
                org.assertj.core.api.Assertions.assertThat(row.getString(2)).isEqualTo("0.75");
            }
        }
    }

    @Test
    void evaluationsAreReadFromTheDatabaseAndAnInterruptedOneShowsFailedWithTheReason() throws Exception {
        String done = UUID.randomUUID().toString();
        String interrupted = UUID.randomUUID().toString();
        String elsewhere = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO evaluation_job (id, tenant_id, "
                        + "backend, status, phase, processed, total, created_at, finished_at, heartbeat_at, report) "
                        + "VALUES (?, 'restartco', 'lucene', ?, ?, ?, 10, now() - interval '20 minutes', ?, ?, ?)")) {
            // finished by an instance that is gone since (or by this one before a restart)
            insert.setString(1, done);
            insert.setString(2, "DONE");
            insert.setString(3, "done");
            insert.setInt(4, 10);
            insert.setTimestamp(5, Timestamp.from(Instant.now().minusSeconds(600)));
            insert.setTimestamp(6, Timestamp.from(Instant.now().minusSeconds(600)));
            insert.setString(7, """
                    {"entries": 6, "queries": 4, "precisionAt1": 0.5, "mrrAt10": 0.625, "recallAt10": 1.0,
                     "meanLatencyMillis": 0.4, "p99LatencyMillis": 1.2, "indexingMillis": 30,
                     "misses": [{"query": "发票", "relevantIds": ["invoice"], "found": ["returns", "invoice"], "rank": 2}]}""");
            insert.addBatch();
            // left RUNNING by an instance that stopped 10 minutes ago
            insert.setString(1, interrupted);
            insert.setString(2, "RUNNING");
            insert.setString(3, "searching");
            insert.setInt(4, 7);
            insert.setTimestamp(5, null);
            insert.setTimestamp(6, Timestamp.from(Instant.now().minusSeconds(600)));
            insert.setString(7, null);
            insert.addBatch();
            // running on another instance that is alive (heartbeat now)
            insert.setString(1, elsewhere);
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.addBatch();
            insert.executeBatch();
        }
        String editor = TestJwt.token("restartco", "editor");
        given().auth().oauth2(editor).get(BASE + "/evaluations/" + done).then().statusCode(200)
                .body("status", equalTo("DONE"))
                .body("report.precisionAt1", equalTo(0.5f))
                .body("report.misses[0].rank", equalTo(2))
                .body("report.misses[0].found", hasItems("returns", "invoice"));
        given().auth().oauth2(editor).get(BASE + "/evaluations/" + interrupted).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("error", containsString("interrupted"))
                .body("error", containsString("评估中断"))
                .body("finishedAt", notNullValue())
                .body("report", nullValue());
        given().auth().oauth2(editor).get(BASE + "/evaluations/" + elsewhere).then().statusCode(200)
                .body("status", equalTo("RUNNING")).body("processed", equalTo(7));
        given().auth().oauth2(TestJwt.token("evalco", "editor")).get(BASE + "/evaluations/" + done).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(editor).get(BASE + "/evaluations/" + UUID.randomUUID()).then().statusCode(404);
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

    @Inject
    AgroalDataSource dataSource;

    @Test
    void hotTopicsCountTheirQuestionsPerDayForTheTenantOnly() throws Exception {
        // questions asked over the past days (as the bot and the search API record them)
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO unanswered_question "
                        + "(tenant_id, question, decision, best_score, source, asked_at) VALUES (?, ?, 'UNANSWERED', 0, "
                        + "'search', ?)")) {
            Object[][] rows = {{"trendco", "支持分期免息吗", 13}, {"trendco", "支持分期免息吗？", 13},
                {"trendco", "能分期免息吗", 2}, {"trendco", "支持分期免息吗", 0}, {"trendco", "周末发货吗", 2},
                {"trendco", "支持分期免息吗", 20}, {"othertrend", "支持分期免息吗", 2}, {"othertrend", "支持分期免息吗", 0}};
            for (Object[] row : rows) {
                insert.setString(1, (String) row[0]);
                insert.setString(2, (String) row[1]);
                insert.setTimestamp(3, Timestamp.from(today.minus(Duration.ofDays((Integer) row[2])).plusSeconds(3600)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        String editor = TestJwt.token("trendco", "editor");
        String from = today.minus(Duration.ofDays(13)).toString();
        String to = today.plus(Duration.ofDays(1)).toString();
        JsonPath topics = given().auth().oauth2(editor).queryParam("from", from).queryParam("to", to)
                .get(BASE + "/hot-topics").then().statusCode(200)
                .body("bucket", equalTo("day")).body("zone", equalTo("UTC"))
                .body("questions", equalTo(5))
                .body("topics[0].question", equalTo("支持分期免息吗"))
                .body("topics[0].count", equalTo(4))
                .body("topics[0].counts.size()", equalTo(14))
                .body("topics[1].question", equalTo("周末发货吗"))
                .extract().jsonPath();
        List<Integer> perDay = topics.getList("topics[0].counts.count", Integer.class);
        org.assertj.core.api.Assertions.assertThat(perDay).containsExactly(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1);
        org.assertj.core.api.Assertions.assertThat(topics.getString("topics[0].counts[0].start"))
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(13).toString());
        org.assertj.core.api.Assertions.assertThat(topics.getList("topics[1].counts.count", Integer.class))
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);

        // another tenant sees its own questions only
        given().auth().oauth2(TestJwt.token("othertrend", "editor")).queryParam("from", from).queryParam("to", to)
                .get(BASE + "/hot-topics").then().statusCode(200)
                .body("questions", equalTo(2))
                .body("topics[0].count", equalTo(2))
                .body("topics[0].counts.count.sum()", equalTo(2));
        given().auth().oauth2(editor).queryParam("zone", "Mars/Olympus").get(BASE + "/hot-topics").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("zone"));
        given().auth().oauth2(editor).queryParam("zone", "Asia/Shanghai").get(BASE + "/hot-topics").then()
                .statusCode(200).body("zone", equalTo("Asia/Shanghai")).body("bucket", equalTo("day"));
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
