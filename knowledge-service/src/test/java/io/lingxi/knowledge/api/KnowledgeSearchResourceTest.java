package io.lingxi.knowledge.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.lingxi.contracts.events.KnowledgeAnswered.Decision;
import io.lingxi.knowledge.domain.FaqEntry;
import io.lingxi.knowledge.service.KnowledgeBase;
import io.lingxi.knowledge.IndexDirectoryTestResource;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "knowledge_test"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(IndexDirectoryTestResource.class)
class KnowledgeSearchResourceTest {

    @Inject
    KnowledgeBase knowledge;

    @Test
    void anAgentGetsTheAnswerFromTheirTenantsKnowledgeBase() {
        search(TestJwt.token("demo", "agent"), "怎么退货呀", null)
                .statusCode(200)
                .contentType("application/json")
                .body("query", equalTo("怎么退货呀"))
                .body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo("demo-zh-returns"))
                .body("hits[0].question", equalTo("怎么退货？"))
                .body("hits[0].answer", containsString("七天无理由退货"))
                .body("hits[0].language", equalTo("zh"))
                .body("hits[0].score", equalTo(1.0f));
        search(TestJwt.token("demo", "editor"), "where is my parcel?", null)
                .statusCode(200)
                .body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo("demo-en-tracking"));
        search(TestJwt.token("demo", "admin"), "量子力学是什么", null)
                .statusCode(200)
                .body("decision", equalTo("UNANSWERED"))
                .body("hits", empty());
    }

    @Test
    void limitCapsTheHits() {
        search(TestJwt.token("demo", "agent"), "快递多久到", "1").statusCode(200)
                .body("decision", equalTo("ANSWERED"))
                .body("hits", hasSize(1))
                .body("hits[0].entryId", equalTo("demo-zh-shipping-time"));
    }

    @Test
    void everySeededQuestionAnswersItsOwnEntry() throws Throwable {
        List<FaqEntry> entries = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> FaqEntry.<FaqEntry>list("tenantId", "demo")));
        assertThat(entries).filteredOn(e -> e.toFaq().servableAt(Instant.now())).hasSizeGreaterThanOrEqualTo(60);
        assertThat(entries).filteredOn(e -> e.language.equals("zh") && e.toFaq().servableAt(Instant.now()))
                .hasSizeGreaterThanOrEqualTo(30);
        assertThat(entries).filteredOn(e -> e.language.equals("en") && e.toFaq().servableAt(Instant.now()))
                .hasSizeGreaterThanOrEqualTo(30);
        assertThat(entries).extracting(e -> e.category).contains("logistics", "returns", "refunds", "invoices",
                "payment", "membership", "account", "after-sales", "stores");
        List<String> wrong = new ArrayList<>();
        for (FaqEntry entry : entries) {
            if (!entry.toFaq().servableAt(Instant.now())) {
                continue;
            }
            assertThat(entry.similarQuestions).hasSizeBetween(2, 4);
            List<String> questions = new ArrayList<>(entry.similarQuestions);
            questions.add(entry.question);
            for (String question : questions) {
                var match = VertxContextSupport.subscribeAndAwait(() -> knowledge.search("demo", question, 5));
                if (match.hits().isEmpty() || !match.hits().get(0).faq().id().equals(entry.id)
                        || match.decision() != Decision.ANSWERED) {
                    wrong.add(question + " -> " + match);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void draftAndExpiredEntriesAreNeverServed() {
        // their own questions, word for word: nothing else in the knowledge base answers them
        for (String q : List.of("双十一活动什么时候开始？", "Do you ship during the Spring Festival holiday?")) {
            search(TestJwt.token("demo", "admin"), q, "20").statusCode(200)
                    .body("decision", not(equalTo("ANSWERED")))
                    .body("hits.entryId", not(hasItem("demo-zh-double11-draft")))
                    .body("hits.entryId", not(hasItem("demo-en-spring-festival-expired")));
        }
        // their similar questions may bring up other entries, never them
        for (String q : List.of("双11有什么优惠", "Will orders ship over Chinese New Year?")) {
            search(TestJwt.token("demo", "admin"), q, "20").statusCode(200)
                    .body("hits.entryId", not(hasItem("demo-zh-double11-draft")))
                    .body("hits.entryId", not(hasItem("demo-en-spring-festival-expired")));
        }
    }

    @Test
    void aTenantSeesOnlyItsOwnEntriesAndNewEntriesAppearAfterARefresh() throws Throwable {
        String acme = TestJwt.token("acme", "agent");
        search(acme, "怎么退货呀", null).statusCode(200).body("decision", equalTo("UNANSWERED")).body("hits", empty());
        search(acme, "企业版怎么开通", null).statusCode(200).body("decision", equalTo("UNANSWERED"));

        FaqEntry entry = new FaqEntry();
        entry.id = "acme-zh-enterprise";
        entry.tenantId = "acme";
        entry.question = "企业版怎么开通？";
        entry.similarQuestions = List.of("如何升级到企业版", "企业版多少钱");
        entry.answer = "请在「设置」→「订阅」中选择企业版并完成对公付款，开通后即时生效。";
        entry.language = "zh";
        entry.category = "billing";
        entry.status = FaqEntry.PUBLISHED;
        entry.validFrom = Instant.now().minusSeconds(60);
        entry.updatedAt = Instant.now();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(entry::persist));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> search(acme, "企业版怎么开通", null).statusCode(200)
                .body("decision", equalTo("ANSWERED"))
                .body("hits[0].entryId", equalTo("acme-zh-enterprise")));
        search(acme, "怎么退货呀", null).statusCode(200).body("hits.entryId", everyItem(equalTo("acme-zh-enterprise")));
        search(TestJwt.token("demo", "agent"), "企业版怎么开通", "20").statusCode(200)
                .body("hits.entryId", not(hasItem("acme-zh-enterprise")));
    }

    @Test
    void rejectsCallersWithoutAValidTokenOrRole() {
        given().queryParam("q", "怎么退货").get("/api/v1/knowledge/search").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
        given().auth().oauth2("not-a-jwt").queryParam("q", "怎么退货").get("/api/v1/knowledge/search").then()
                .statusCode(401)
                .contentType("application/problem+json");
        search(TestJwt.token("demo", "analyst"), "怎么退货", null)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("Forbidden"));
    }

    @Test
    void rejectsMissingBlankOrOversizeQuestions() {
        String token = TestJwt.token("demo", "agent");
        given().auth().oauth2(token).get("/api/v1/knowledge/search").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("q"));
        search(token, "   ", null).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("q"));
        search(token, "退".repeat(2001), null).statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", containsString("2000"));
        search(token, "退货", "0").statusCode(400).body("errors[0].field", equalTo("limit"));
        search(token, "退货", "lots").statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void reportsHealthAndDocumentsTheApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/knowledge/search"));
    }

    private static ValidatableResponse search(String token, String q, String limit) {
        var request = given().auth().oauth2(token).queryParam("q", q);
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        return request.get("/api/v1/knowledge/search").then();
    }
}
