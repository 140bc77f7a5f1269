package io.lingxi.dialogue;

import static io.lingxi.dialogue.DialogueEvents.awaitRecords;
import static io.lingxi.dialogue.DialogueEvents.newConversation;
import static io.lingxi.dialogue.DialogueEvents.orderNumber;
import static io.lingxi.dialogue.DialogueEvents.recordsFor;
import static io.lingxi.dialogue.DialogueEvents.understood;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.Topics;
import io.lingxi.dialogue.connector.ConnectorDefinition;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dialogue_test"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(FakeOrderSystem.class)
class OrderFlowTest {

    @Inject
    ObjectMapper mapper;

    /** Tenant "acme" has its own connector, so its circuit breaker is its own. */
    @BeforeEach
    void acmeConnector() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> ConnectorDefinition
                .find("demo", "order_status").flatMap(demo -> ConnectorDefinition.find("acme", "order_status")
                        .flatMap(existing -> {
                            if (existing != null) {
                                return io.smallrye.mutiny.Uni.createFrom().voidItem();
                            }
                            ConnectorDefinition acme = new ConnectorDefinition();
                            acme.tenantId = "acme";
                            acme.name = "order_status";
                            acme.method = demo.method;
                            acme.urlTemplate = demo.urlTemplate;
                            acme.headers = demo.headers;
                            acme.responseMapping = demo.responseMapping;
                            acme.timeoutMs = 500;
                            acme.retries = demo.retries; // GET: one retry
                            return acme.persist().replaceWithVoid();
                        }))));
    }

    @Test
    void anOrderQueryAsksForTheNumberThenAnswersFromTheOrderSystem() {
        String conversation = newConversation();
        understood("demo", conversation, "我的订单到哪了", "zh", "order_status", "[]");
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 1).get(0)))
                .isEqualTo("请提供您的订单号（例如 A2024112401），我帮您查询。");

        understood("demo", conversation, "A2024112401", "zh", "nlu_fallback", orderNumber("A2024112401", "A2024112401"));
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 2).get(1)))
                .isEqualTo("订单 A2024112401 当前状态：已发货。承运商：顺丰速运，运单号：SF1234567890，预计送达：2026-11-26。");

        String english = newConversation();
        understood("demo", english, "where is order B2024112409", "en", "order_status",
                orderNumber("where is order B2024112409", "B2024112409"));
        assertThat(text(awaitRecords(Topics.REPLY, english, 1).get(0)))
                .isEqualTo("I couldn't find order B2024112409. Please check the number and try again.");
    }

    @Test
    void cancellingMidFlowLeavesItAndTheNextQuestionIsAnsweredNormally() {
        String conversation = newConversation();
        understood("demo", conversation, "查一下物流", "zh", "logistics", "[]");
        awaitRecords(Topics.REPLY, conversation, 1);
        understood("demo", conversation, "算了", "zh", "nlu_fallback", "[]");
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 2).get(1)))
                .isEqualTo("好的，已为您取消当前操作。还有其他可以帮您的吗？");
        understood("demo", conversation, "谢谢", "zh", "thanks", "[]");
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 3).get(2))).startsWith("不客气");
    }

    @Test
    void aTopicSwitchIsAnsweredAndTheFlowResumesWithTheNumber() {
        String conversation = newConversation();
        understood("demo", conversation, "查订单", "zh", "order_status", "[]");
        awaitRecords(Topics.REPLY, conversation, 1);
        understood("demo", conversation, "怎么开发票", "zh", "invoice", "[]");
        assertThat(awaitRecords(Topics.KNOWLEDGE_QUERY, conversation, 1)).hasSize(1);
        understood("demo", conversation, "订单号A2024112401", "zh", "nlu_fallback",
                orderNumber("订单号A2024112401", "A2024112401"));
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 2).get(1))).startsWith("订单 A2024112401 当前状态");
    }

    @Test
    void afterAnsweringAnotherQuestionTheBotOffersToResumeAndYesPicksUpWithTheSlotsSoFar() {
        String conversation = newConversation();
        understood("demo", conversation, "我要取消订单A2024112401", "zh", "cancel_order",
                orderNumber("我要取消订单A2024112401", "A2024112401"));
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 1).get(0))).isEqualTo("确认要取消订单 A2024112401 吗？");
        // a question on another topic before confirming: answered by the knowledge base, then the offer
        String question = understood("demo", conversation, "退款多久到账", "zh", "refund", "[]");
        DialogueEvents.knowledgeAnswer("demo", conversation, question, "ANSWERED",
                "[{\"entryId\":\"faq-9\",\"question\":\"退款多久到账\",\"answer\":\"退款 1-3 个工作日原路退回。\",\"score\":0.9}]");
        List<ConsumerRecord<String, String>> replies = awaitRecords(Topics.REPLY, conversation, 3);
        assertThat(text(replies.get(1))).isEqualTo("退款 1-3 个工作日原路退回。");
        assertThat(text(replies.get(2))).isEqualTo("刚才的事情还没有办完，需要继续吗？");
        assertThat(quickReplies(replies.get(2))).containsExactly("继续", "不用了");

        // yes: the flow goes on where it stopped, with the order number it already had
        understood("demo", conversation, "继续", "zh", "nlu_fallback", "[]");
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 4).get(3))).isEqualTo("确认要取消订单 A2024112401 吗？");
        understood("demo", conversation, "确认取消", "zh", "affirm", "[]");
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 5).get(4)))
                .isEqualTo("订单 A2024112401 已取消，退款将在 1-3 个工作日内原路退回。");
    }

    @Test
    void anotherFlowStartedMidWayRunsFirstThenTheFirstOneIsOffered() {
        String conversation = newConversation();
        understood("demo", conversation, "查订单", "zh", "order_status", "[]");
        awaitRecords(Topics.REPLY, conversation, 1);
        understood("demo", conversation, "我要取消订单A2024112402", "zh", "cancel_order",
                orderNumber("我要取消订单A2024112402", "A2024112402"));
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 2).get(1))).isEqualTo("确认要取消订单 A2024112402 吗？");
        understood("demo", conversation, "不取消", "zh", "deny", "[]");
        List<ConsumerRecord<String, String>> replies = awaitRecords(Topics.REPLY, conversation, 4);
        assertThat(text(replies.get(2))).isEqualTo("好的，订单 A2024112402 保持不变。");
        assertThat(text(replies.get(3))).isEqualTo("刚才的事情还没有办完，需要继续吗？");
        understood("demo", conversation, "继续", "zh", "affirm", "[]");
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 5).get(4)))
                .isEqualTo("请提供您的订单号（例如 A2024112401），我帮您查询。");
        understood("demo", conversation, "A2024112401", "zh", "nlu_fallback", orderNumber("A2024112401", "A2024112401"));
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 6).get(5))).startsWith("订单 A2024112401 当前状态");
    }

    @Test
    void noToTheResumeOfferDropsTheFlow() {
        String conversation = newConversation();
        understood("demo", conversation, "where is my order", "en", "order_status", "[]");
        awaitRecords(Topics.REPLY, conversation, 1);
        String question = understood("demo", conversation, "how do I get an invoice", "en", "invoice", "[]");
        DialogueEvents.knowledgeAnswer("demo", conversation, question, "UNANSWERED", "[]");
        List<ConsumerRecord<String, String>> replies = awaitRecords(Topics.REPLY, conversation, 3);
        assertThat(text(replies.get(1))).startsWith("Sorry, I can't answer that yet.");
        assertThat(text(replies.get(2))).isEqualTo("We hadn't finished what we started earlier. Shall we continue?");
        assertThat(quickReplies(replies.get(2))).containsExactly("Continue", "No thanks");

        understood("demo", conversation, "no thanks", "en", "nlu_fallback", "[]");
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 4).get(3)))
                .isEqualTo("OK, we'll leave that there. Is there anything else I can help you with?");
        // the flow is gone: an order number now is just a message, asked of the knowledge base
        understood("demo", conversation, "A2024112401", "en", "nlu_fallback", orderNumber("A2024112401", "A2024112401"));
        assertThat(awaitRecords(Topics.KNOWLEDGE_QUERY, conversation, 2)).hasSize(2);
    }

    @Test
    void aSlowOrderSystemTimesOutIntoAHandoffAndThenTheCircuitOpens() {
        int callsBefore = FakeOrderSystem.calls("S2024112401");
        for (int i = 0; i < 2; i++) {
            String conversation = newConversation();
            understood("acme", conversation, "订单S2024112401到哪了", "zh", "order_status",
                    orderNumber("订单S2024112401到哪了", "S2024112401"));
            assertThat(text(awaitRecords(Topics.REPLY, conversation, 1).get(0)))
                    .isEqualTo("抱歉，订单系统暂时无法访问，我为您转接人工客服。");
            assertThat(awaitRecords(Topics.HANDOFF_REQUESTED, conversation, 1).get(0).value())
                    .contains("\"reason\":\"connector_failure\"");
        }
        int callsWhileClosed = FakeOrderSystem.calls("S2024112401") - callsBefore;
        assertThat(callsWhileClosed).isEqualTo(4); // two attempts (one retry) per conversation

        // four failures in a row open the circuit: the next customer is helped at once, the system is left alone
        String conversation = newConversation();
        long started = System.nanoTime();
        understood("acme", conversation, "订单S2024112401到哪了", "zh", "order_status",
                orderNumber("订单S2024112401到哪了", "S2024112401"));
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 1).get(0))).contains("转接人工客服");
        assertThat(FakeOrderSystem.calls("S2024112401") - callsBefore).isEqualTo(4);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void invalidFlowUploadsAreRejectedAndNeverReplaceTheActiveVersion() {
        String admin = TestJwt.token("flowtenant", "admin");
        given().auth().oauth2(admin).get("/api/v1/dialogue/flows").then().statusCode(200)
                .body("version", equalTo(0)).body("source", equalTo("default"));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"flows":[{"id":"f","intents":["x"],"start":"a","steps":{"a":{"type":"teleport","next":"a"}}}]}""")
                .put("/api/v1/dialogue/flows").then().statusCode(400).contentType("application/problem+json")
                .body("errors.message", hasItem(org.hamcrest.Matchers.startsWith("flow f, step a: unknown step type")));
        given().auth().oauth2(admin).get("/api/v1/dialogue/flows").then().body("version", equalTo(0));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"flows":[{"id":"hello","intents":["greeting"],"start":"hi","steps":{
                  "hi":{"type":"reply","text":{"zh":"流程问候","en":"Flow hello"},"next":"done"},
                  "done":{"type":"end"}}}]}""")
                .put("/api/v1/dialogue/flows").then().statusCode(201).body("version", equalTo(1));
        given().auth().oauth2(admin).get("/api/v1/dialogue/flows").then().body("version", equalTo(1))
                .body("flows.flows[0].id", equalTo("hello"));

        // the uploaded flow now runs for that tenant only
        String conversation = newConversation();
        understood("flowtenant", conversation, "你好", "zh", "greeting", "[]");
        assertThat(text(awaitRecords(Topics.REPLY, conversation, 1).get(0))).isEqualTo("流程问候");

        given().contentType(ContentType.JSON).body("{}").put("/api/v1/dialogue/flows").then().statusCode(401);
        given().auth().oauth2(TestJwt.token("flowtenant", "agent")).get("/api/v1/dialogue/flows").then()
                .statusCode(403);
    }

    private String text(ConsumerRecord<String, String> reply) {
        try {
            return mapper.readTree(reply.value()).get("text").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> quickReplies(ConsumerRecord<String, String> reply) {
        try {
            return mapper.readTree(reply.value()).get("quickReplies").findValuesAsText("label");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ConsumerRecord<String, String>> replies(String conversation) {
        return recordsFor(Topics.REPLY, conversation);
    }
}
