package io.lingxi.knowledge.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.lingxi.knowledge.IndexDirectoryTestResource;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "knowledge_test"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(IndexDirectoryTestResource.class)
class KnowledgeManagementResourceTest {

    private static final String BASE = "/api/v1/knowledge";

    @Test
    void anEditorCreatesPublishesEditsAndDeletesAnEntryAndSearchFollowsAtOnce() {
        String editor = TestJwt.token("shop1", "editor");
        String agent = TestJwt.token("shop1", "agent");
        String id = "shop1-gift-" + UUID.randomUUID().toString().substring(0, 8);

        given().auth().oauth2(editor).contentType("application/json").body(Map.of("id", id,
                        "question", "可以开礼品包装吗？", "similarQuestions", List.of("能帮忙包装成礼物吗", "有没有礼盒"),
                        "answer", "结算时勾选「礼品包装」即可，每件 10 元。", "language", "zh", "category", "orders",
                        "tags", List.of("gift"), "keywords", List.of("礼盒")))
                .post(BASE + "/entries").then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/knowledge/entries/" + id))
                .body("status", equalTo("draft"))
                .body("version", equalTo(1));
        // a draft is never served
        search(agent, "可以开礼品包装吗？").body("decision", equalTo("UNANSWERED"));
        given().auth().oauth2(editor).get(BASE + "/lookup?q=礼品").then().statusCode(200)
                .body("id", hasItem(id)).body("find { it.id == '" + id + "' }.published", equalTo(false));

        given().auth().oauth2(editor).contentType("application/json").body(Map.of("question", "可以开礼品包装吗？",
                        "similarQuestions", List.of("能帮忙包装成礼物吗", "有没有礼盒"), "answer", "结算时勾选「礼品包装」，每件 10 元。",
                        "language", "zh", "status", "published", "version", 1,
                        "answerVariants", Map.of("phone", "结算时选礼品包装，十元一件。")))
                .put(BASE + "/entries/" + id).then()
                .statusCode(200).body("version", equalTo(2)).body("status", equalTo("published"));
        search(agent, "能帮我包装成礼物吗").body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo(id))
                .body("hits[0].answer", containsString("每件 10 元"));

        // a stale version is a conflict, not a lost update
        given().auth().oauth2(editor).contentType("application/json").body(Map.of("question", "旧的问题",
                        "answer", "旧的答案", "language", "zh", "version", 1))
                .put(BASE + "/entries/" + id).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("version 2"));

        given().auth().oauth2(editor).get(BASE + "/entries/" + id + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2)))
                .body("change", equalTo(List.of("created", "updated")))
                .body("[0].snapshot", containsString("每件 10 元"));

        given().auth().oauth2(editor).delete(BASE + "/entries/" + id).then().statusCode(204);
        given().auth().oauth2(editor).get(BASE + "/entries/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        search(agent, "可以开礼品包装吗？").body("hits.entryId", not(hasItem(id)));
        given().auth().oauth2(editor).get(BASE + "/entries/" + id + "/versions").then().statusCode(404);
    }

    @Test
    void invalidEntriesAreRefusedWithTheFieldsToFix() {
        String editor = TestJwt.token("shop1", "editor");
        given().auth().oauth2(editor).contentType("application/json")
                .body(Map.of("question", " ", "answer", "x", "language", "fr", "status", "live"))
                .post(BASE + "/entries").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("question", "language", "status"));
        given().auth().oauth2(editor).contentType("application/json")
                .body(Map.of("question", "q", "answer", "a", "language", "en", "validFrom", "2026-02-01T00:00:00Z",
                        "validUntil", "2026-01-01T00:00:00Z"))
                .post(BASE + "/entries").then()
                .statusCode(400).body("errors[0].field", equalTo("validUntil"));
        given().auth().oauth2(editor).contentType("application/json").body("{\"question\": ")
                .post(BASE + "/entries").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(editor).contentType("application/json")
                .body(Map.of("id", "demo-zh-returns", "question", "q", "answer", "a", "language", "zh"))
                .post(BASE + "/entries").then()
                .statusCode(409);
    }

    @Test
    void anotherTenantsEntriesCannotBeReadChangedOrDeleted() {
        String acme = TestJwt.token("acme", "admin");
        given().auth().oauth2(acme).get(BASE + "/entries/demo-zh-returns").then().statusCode(404);
        given().auth().oauth2(acme).contentType("application/json")
                .body(Map.of("question", "q", "answer", "a", "language", "zh"))
                .put(BASE + "/entries/demo-zh-returns").then().statusCode(404);
        given().auth().oauth2(acme).delete(BASE + "/entries/demo-zh-returns").then().statusCode(404);
        given().auth().oauth2(acme).get(BASE + "/entries/demo-zh-returns/versions").then().statusCode(404);
        given().auth().oauth2(acme).get(BASE + "/entries").then().statusCode(200)
                .body("id", everyItem(not(startsWith("demo-"))));
        given().auth().oauth2(acme).get(BASE + "/exports").then().statusCode(200)
                .body(not(containsString("demo-zh-returns")));
        given().auth().oauth2(acme).get(BASE + "/lookup?q=退货").then().statusCode(200)
                .body("id", not(hasItem("demo-zh-returns")));
        given().auth().oauth2(TestJwt.token("demo", "editor")).get(BASE + "/entries/demo-zh-returns").then()
                .statusCode(200).body("question", equalTo("怎么退货？"))
                .body("answerVariants.phone", containsString("申请售后"));
        given().auth().oauth2(TestJwt.token("demo", "agent")).get(BASE + "/entries").then().statusCode(403)
                .contentType("application/problem+json");
        given().get(BASE + "/entries").then().statusCode(401);
        given().auth().oauth2(TestJwt.token("demo", "editor")).get(BASE + "/entries?size=500").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void synonymsChangeWhatCustomersFind() {
        String admin = TestJwt.token("demo", "admin");
        String agent = TestJwt.token("demo", "agent");
        given().auth().oauth2(admin).get(BASE + "/synonyms").then().statusCode(200)
                .body("terms", hasItem(List.of("快递", "物流", "包裹")));
        // the seeded 快递 = 物流 = 包裹
        search(agent, "包裹多久能到？").body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo("demo-zh-shipping-time"));

        search(agent, "质保期多长").body("hits[0].score", org.hamcrest.Matchers.lessThan(1.0f));
        String location = given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("terms", List.of("保修", "质保"))).post(BASE + "/synonyms").then()
                .statusCode(201).body("terms", equalTo(List.of("保修", "质保"))).extract().header("Location");
        search(agent, "质保期多长").body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo("demo-zh-repair")).body("hits[0].score", equalTo(1.0f));

        String id = location.substring(location.lastIndexOf('/') + 1);
        given().auth().oauth2(TestJwt.token("acme", "admin")).delete(BASE + "/synonyms/" + id).then().statusCode(404);
        given().auth().oauth2(admin).delete(BASE + "/synonyms/" + id).then().statusCode(204);
        search(agent, "质保期多长").body("hits[0].score", org.hamcrest.Matchers.lessThan(1.0f));

        given().auth().oauth2(admin).contentType("application/json").body(Map.of("terms", List.of("only-one")))
                .post(BASE + "/synonyms").then().statusCode(400).body("errors[0].field", equalTo("terms"));
    }

    @Test
    void aTenantsThresholdsDecideBetweenAnswerSuggestionsAndNothing() {
        String admin = TestJwt.token("thr", "admin");
        String agent = TestJwt.token("thr", "agent");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("id", "thr-invoice",
                        "question", "怎么开发票？", "similarQuestions", List.of("电子发票怎么下载"), "answer", "在订单中申请开票。",
                        "language", "zh", "status", "published"))
                .post(BASE + "/entries").then().statusCode(201);
        search(agent, "怎么开发票呢").body("decision", equalTo("ANSWERED"));
        float partial = search(agent, "发票").extract().path("hits[0].score");
        assertThat(partial).isBetween(0.1f, 0.95f);

        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("answerThreshold", 0.99, "suggestThreshold", 0.05))
                .put(BASE + "/settings/thresholds").then().statusCode(200).body("answerThreshold", equalTo(0.99f));
        search(agent, "发票").body("decision", equalTo("SUGGESTED")).body("hits[0].entryId", equalTo("thr-invoice"));
        search(agent, "怎么开发票？").body("decision", equalTo("ANSWERED"));

        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("answerThreshold", 1.0, "suggestThreshold", 0.99))
                .put(BASE + "/settings/thresholds").then().statusCode(200);
        search(agent, "发票").body("decision", equalTo("UNANSWERED")).body("hits", empty());
        search(agent, "怎么开发票？").body("decision", equalTo("ANSWERED"));

        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("answerThreshold", 0.3, "suggestThreshold", 0.6))
                .put(BASE + "/settings/thresholds").then().statusCode(400);
        given().auth().oauth2(TestJwt.token("thr", "editor")).contentType("application/json")
                .body(Map.of("answerThreshold", 0.5, "suggestThreshold", 0.3))
                .put(BASE + "/settings/thresholds").then().statusCode(403);
    }

    @Test
    void aBulkImportWithABadRowImportsNothingAndSaysWhichLines() {
        String editor = TestJwt.token("imp", "editor");
        String jsonl = """
                {"id":"imp-hours","question":"几点开门？","answer":"每天 10 点开门。","language":"zh","status":"published"}
                {"id":"imp-bad","question":"","answer":"x","language":"de"}

                not json at all
                {"id":"imp-hours","question":"又一个","answer":"重复的 id","language":"zh"}
                {"id":"demo-zh-returns","question":"抢别人的 id","answer":"x","language":"zh"}
                """;
        given().auth().oauth2(editor).contentType("application/x-ndjson").body(jsonl.getBytes(StandardCharsets.UTF_8))
                .post(BASE + "/imports").then()
                .statusCode(422)
                .body("rows", equalTo(5)).body("imported", equalTo(0))
                .body("rejected.line", equalTo(List.of(2, 4, 5, 6)))
                .body("rejected[0].errors", hasItems(containsString("language"), containsString("question")))
                .body("rejected[1].errors[0]", containsString("JSON"))
                .body("rejected[2].errors[0]", containsString("more than once"))
                .body("rejected[3].errors[0]", containsString("taken"));
        given().auth().oauth2(editor).get(BASE + "/entries/imp-hours").then().statusCode(404);

        String fixed = """
                {"id":"imp-hours","question":"几点开门？","answer":"每天 10 点开门。","language":"zh","status":"published"}
                {"question":"How late are you open?","answer":"Until 22:00.","language":"en","status":"published"}
                """;
        given().auth().oauth2(editor).contentType("application/x-ndjson").body(fixed.getBytes(StandardCharsets.UTF_8))
                .post(BASE + "/imports").then()
                .statusCode(200).body("imported", equalTo(2)).body("created", equalTo(2)).body("rejected", empty());
        search(TestJwt.token("imp", "agent"), "你们几点开门").body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo("imp-hours"));
        given().auth().oauth2(editor).get(BASE + "/entries/imp-hours/versions").then()
                .body("change", equalTo(List.of("imported")));
    }

    @Test
    void csvAsExcelWritesItImportsAndExportsRoundTrip() {
        String editor = TestJwt.token("csv", "editor");
        String csv = "\uFEFFid,question,similarQuestions,answer,language,category,tags,keywords,status\r\n"
                + "csv-pay,支持哪些付款方式？,可以用微信支付吗 | 能刷信用卡吗,\"支持微信、支付宝，\r\n以及信用卡。\",zh,payment,,,published\r\n"
                + "csv-en,\"Do you take \"\"Apple Pay\"\"?\",,\"Not yet, sorry.\",en,payment,,,published\r\n";
        given().auth().oauth2(editor).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post(BASE + "/imports").then()
                .statusCode(200).body("imported", equalTo(2));
        given().auth().oauth2(editor).get(BASE + "/entries/csv-pay").then().statusCode(200)
                .body("similarQuestions", equalTo(List.of("可以用微信支付吗", "能刷信用卡吗")))
                .body("answer", equalTo("支持微信、支付宝，\r\n以及信用卡。"));
        given().auth().oauth2(editor).get(BASE + "/entries/csv-en").then().body("question", equalTo("Do you take \"Apple Pay\"?"));
        search(TestJwt.token("csv", "agent"), "能用微信支付吗").body("hits[0].entryId", equalTo("csv-pay"));

        String bad = "id,question,answer,language,validUntil\n"
                + "csv-ok,好的问题,好的答案,zh,\n"
                + "csv-late,过期,答案,zh,next tuesday\n";
        given().auth().oauth2(editor).contentType("text/csv").body(bad.getBytes(StandardCharsets.UTF_8)).post(BASE + "/imports").then()
                .statusCode(422).body("rejected", hasSize(1)).body("rejected[0].line", equalTo(3))
                .body("rejected[0].errors[0]", containsString("validUntil"));
        given().auth().oauth2(editor).get(BASE + "/entries/csv-ok").then().statusCode(404);

        byte[] exported = given().auth().oauth2(editor).get(BASE + "/exports?format=csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asByteArray();
        String text = new String(exported, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFid,question,similarQuestions").contains("csv-pay", "\"Do you take \"\"Apple Pay\"\"?\"");
        // what was exported imports again unchanged
        given().auth().oauth2(editor).contentType("text/csv").body(exported).post(BASE + "/imports").then()
                .statusCode(200).body("updated", equalTo(2));
        given().auth().oauth2(editor).get(BASE + "/entries/csv-pay").then()
                .body("answer", equalTo("支持微信、支付宝，\r\n以及信用卡。")).body("version", equalTo(2));

        given().auth().oauth2(editor).get(BASE + "/exports?format=jsonl").then().statusCode(200)
                .body(containsString("\"id\":\"csv-en\""));
        given().auth().oauth2(editor).get(BASE + "/exports?format=xml").then().statusCode(400);
    }

    @Test
    void editorsFindEntriesAsTheyType() {
        String editor = TestJwt.token("demo", "editor");
        given().auth().oauth2(editor).get(BASE + "/lookup?q=retu").then().statusCode(200)
                .body("id", hasItem("demo-en-returns"));
        given().auth().oauth2(editor).get(BASE + "/lookup?q=双十一").then().statusCode(200)
                .body("id", hasItem("demo-zh-double11-draft"));
        given().auth().oauth2(editor).get(BASE + "/lookup").then().statusCode(400).body("errors[0].field", equalTo("q"));
    }

    private static ValidatableResponse search(String token, String q) {
        return given().auth().oauth2(token).queryParam("q", q).get(BASE + "/search").then().statusCode(200);
    }
}
