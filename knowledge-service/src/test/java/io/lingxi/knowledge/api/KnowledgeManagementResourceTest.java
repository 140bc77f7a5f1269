package io.lingxi.knowledge.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
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
