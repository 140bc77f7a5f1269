package io.lingxi.dialogue;

import static io.lingxi.dialogue.DialogueEvents.awaitRecords;
import static io.lingxi.dialogue.DialogueEvents.felt;
import static io.lingxi.dialogue.DialogueEvents.handoffEvent;
import static io.lingxi.dialogue.DialogueEvents.newConversation;
import static io.lingxi.dialogue.DialogueEvents.recordsFor;
import static io.lingxi.dialogue.DialogueEvents.understood;
import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.dialogue.domain.Conversation;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.PostgresTestResource;
import io.lingxi.testing.TestJwt;
import io.restassured.http.ContentType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Handoff triggers, agents taking over and giving back, and the end of a conversation with its survey. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dialogue_test"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(FakeOrderSystem.class)
class LifecycleTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void aComplaintGoesToAHumanWithHighPriority() throws Exception {
        String conversation = newConversation();
        understood("demo", conversation, "我要投诉你们的快递", "zh", "complaint", "[]");
        JsonNode request = json(awaitRecords(Topics.HANDOFF_REQUESTED, conversation, 1).get(0));
        assertThat(request.get("reason").asText()).isEqualTo("complaint");
        assertThat(request.get("priority").asText()).isEqualTo("HIGH");
        assertThat(request.get("skillGroup").asText()).isEqualTo("complaints");
    }

    @Test
    void angerHandsOverOnceStronglyOrTwiceInARow() throws Exception {
        String strongly = newConversation();
        felt("demo", strongly, "你们这什么垃圾服务", "zh", "nlu_fallback", "negative", -0.9);
        assertThat(json(awaitRecords(Topics.HANDOFF_REQUESTED, strongly, 1).get(0)).get("reason").asText())
                .isEqualTo("negative_sentiment");

        String twice = newConversation();
        felt("demo", twice, "hello", "en", "greeting", "neutral", 0);
        awaitRecords(Topics.REPLY, twice, 1);
        felt("demo", twice, "this is slow", "en", "nlu_fallback", "negative", -0.4);
        awaitRecords(Topics.KNOWLEDGE_QUERY, twice, 1);
        assertThat(recordsFor(Topics.HANDOFF_REQUESTED, twice)).isEmpty();
        felt("demo", twice, "still waiting, not happy", "en", "nlu_fallback", "negative", -0.5);
        assertThat(json(awaitRecords(Topics.HANDOFF_REQUESTED, twice, 1).get(0)).get("priority").asText())
                .isEqualTo("HIGH");
    }

    @Test
    void twoUnansweredTurnsInARowBringAHuman() throws Exception {
        String conversation = newConversation();
        String first = understood("demo", conversation, "量子力学", "zh", "nlu_fallback", "[]");
        unanswered(conversation, first);
        assertThat(json(awaitRecords(Topics.REPLY, conversation, 1).get(0)).get("text").asText()).startsWith("抱歉");
        String second = understood("demo", conversation, "弦理论", "zh", "nlu_fallback", "[]");
        unanswered(conversation, second);
        assertThat(json(awaitRecords(Topics.REPLY, conversation, 2).get(1)).get("text").asText())
                .isEqualTo("抱歉没能帮您解决，正在为您转接人工客服。");
        assertThat(json(awaitRecords(Topics.HANDOFF_REQUESTED, conversation, 1).get(0)).get("reason").asText())
                .isEqualTo("fallbacks");
    }

    @Test
    void theBotStaysSilentWithAnAgentResumesWhenGivenBackAndSurveysAtTheEnd() throws Exception {
        String conversation = newConversation();
        understood("demo", conversation, "转人工", "zh", "request_human", "[]");
        awaitRecords(Topics.HANDOFF_REQUESTED, conversation, 1);
        handoffEvent("demo", conversation, "AGENT_ASSIGNED");
        await().atMost(Duration.ofSeconds(60)).until(() -> "WITH_AGENT".equals(status(conversation)));
        String toTheAgent = understood("demo", conversation, "你好", "zh", "greeting", "[]");
        // the two topics are not ordered against each other: let the greeting be handled first, as in real life
        await().atMost(Duration.ofSeconds(60)).until(() -> turnState(conversation, toTheAgent) != null);
        handoffEvent("demo", conversation, "RETURNED_TO_BOT");
        assertThat(json(awaitRecords(Topics.REPLY, conversation, 1).get(0)).get("text").asText())
                .startsWith("您好，人工客服已结束服务"); // and nothing for the greeting sent to the agent

        understood("demo", conversation, "谢谢", "zh", "thanks", "[]");
        assertThat(json(awaitRecords(Topics.REPLY, conversation, 2).get(1)).get("text").asText()).startsWith("不客气");

        handoffEvent("demo", conversation, "CLOSED");
        JsonNode survey = json(awaitRecords(Topics.REPLY, conversation, 3).get(2));
        assertThat(survey.get("text").asText()).isEqualTo("本次服务已结束，请您对我们的服务进行评价：");
        assertThat(survey.get("quickReplies").findValuesAsText("label")).containsExactly("满意", "一般", "不满意");

        understood("demo", conversation, "满意", "zh", "nlu_fallback", "[]");
        assertThat(json(awaitRecords(Topics.REPLY, conversation, 4).get(3)).get("text").asText())
                .isEqualTo("感谢您的评价，祝您生活愉快！");
        assertThat(awaitConversationEvent(conversation, "cs.conversation.survey_answered").get("surveyScore").asInt())
                .isEqualTo(5);
    }

    @Test
    void anIdleConversationClosesWithASurveyAndTheAnswerIsRecorded() throws Exception {
        String conversation = newConversation();
        understood("idletenant", conversation, "hello", "en", "greeting", "[]");
        awaitRecords(Topics.REPLY, conversation, 1);
        JsonNode survey = json(awaitRecords(Topics.REPLY, conversation, 2).get(1));
        assertThat(survey.get("text").asText()).isEqualTo("This conversation has ended. How satisfied were you with our service?");
        awaitConversationEvent(conversation, "cs.conversation.closed");

        understood("idletenant", conversation, "unsatisfied", "en", "nlu_fallback", "[]");
        assertThat(awaitConversationEvent(conversation, "cs.conversation.survey_answered").get("surveyScore").asInt())
                .isEqualTo(1);
        assertThat(recordsFor(Topics.CONVERSATION_EVENT, conversation).stream()
                .filter(r -> "cs.conversation.closed".equals(KafkaTopics.header(r, "ce_type")))
                .map(r -> KafkaTopics.header(r, "ce_id")).distinct()).hasSize(1);
    }

    @Test
    void handoffEventsForUnknownConversationsGoToTheDeadLetterTopic() {
        String ghost = "ghost-" + UUID.randomUUID();
        handoffEvent("demo", ghost, "CLOSED");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(
                KafkaTopics.readAll(Topics.dlq(Topics.HANDOFF_EVENT))).anySatisfy(r -> assertThat(r.key()).isEqualTo(ghost)));
    }

    @Test
    void proactiveMessagesRespectOptOutAndTheDailyLimit() {
        String conversation = newConversation();
        understood("proactive", conversation, "你好", "zh", "greeting", "[]");
        awaitRecords(Topics.REPLY, conversation, 1);
        String agent = TestJwt.token("proactive", "agent");

        String replyId = proactive(agent, conversation, "reminder-1", "您的订单即将送达，请保持电话畅通。")
                .statusCode(202).extract().path("replyId");
        proactive(agent, conversation, "reminder-1", "您的订单即将送达，请保持电话畅通。").statusCode(202)
                .body("replyId", org.hamcrest.Matchers.equalTo(replyId));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(
                recordsFor(Topics.REPLY, conversation).stream().filter(r -> r.value().contains(replyId))
                        .map(r -> KafkaTopics.header(r, "ce_id")).distinct()).containsExactly(replyId));

        proactive(agent, conversation, "reminder-2", "second").statusCode(202);
        proactive(agent, conversation, "reminder-3", "third").statusCode(202);
        proactive(agent, conversation, "reminder-4", "fourth").statusCode(429)
                .contentType("application/problem+json").header("Retry-After", "3600");

        proactive(TestJwt.token("someone-else", "agent"), conversation, "x", "hi").statusCode(404);
        proactive(agent, conversation, "bad", "").statusCode(400).body("errors.field", hasItem("text"));
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/dialogue/proactive").then().statusCode(401);
    }

    @Test
    void aCustomerWhoOptedOutGetsNoProactiveMessages() {
        String conversation = newConversation();
        understood("optout", conversation, "hello", "en", "greeting", "[]");
        awaitRecords(Topics.REPLY, conversation, 1);
        String admin = TestJwt.token("optout", "admin");
        given().auth().oauth2(admin).put("/api/v1/dialogue/customers/c-1/opt-out").then().statusCode(204);
        proactive(admin, conversation, "care-1", "How are you finding your new kettle?").statusCode(409)
                .body("detail", org.hamcrest.Matchers.equalTo("The customer opted out of proactive messages."));
        given().auth().oauth2(admin).delete("/api/v1/dialogue/customers/c-1/opt-out").then().statusCode(204);
        proactive(admin, conversation, "care-1", "How are you finding your new kettle?").statusCode(202);
    }

    private static io.restassured.response.ValidatableResponse proactive(String token, String conversation,
            String messageId, String text) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(java.util.Map.of("conversationId", conversation, "messageId", messageId, "text", text))
                .post("/api/v1/dialogue/proactive").then();
    }

    private JsonNode awaitConversationEvent(String conversation, String type) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> recordsFor(
                Topics.CONVERSATION_EVENT, conversation).stream().anyMatch(r -> type.equals(KafkaTopics.header(r, "ce_type"))));
        return json(recordsFor(Topics.CONVERSATION_EVENT, conversation).stream()
                .filter(r -> type.equals(KafkaTopics.header(r, "ce_type"))).findFirst().orElseThrow());
    }

    private static void unanswered(String conversation, String messageId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> recordsFor(
                Topics.KNOWLEDGE_QUERY, conversation).stream().anyMatch(r -> r.value().contains(messageId)));
        String id = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.KNOWLEDGE_ANSWER, conversation, """
                {"queryId":"q","tenantId":"demo","channelId":"web","conversationId":"%s","messageId":"%s",
                 "query":"q","language":"zh","decision":"UNANSWERED","hits":[]}""".formatted(conversation, messageId),
                KafkaTopics.cloudEventHeaders(id, EventTypes.KNOWLEDGE_ANSWERED, conversation, "demo"));
    }

    private static String turnState(String conversation, String messageId) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> io.lingxi.dialogue.domain.Turn
                    .findByMessage(conversation, messageId).map(t -> t == null ? null : t.state.name())));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static String status(String conversation) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                    () -> Conversation.<Conversation>findById(conversation).map(c -> c == null ? null : c.status.name())));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode json(ConsumerRecord<String, String> record) throws Exception {
        return mapper.readTree(record.value());
    }
}
