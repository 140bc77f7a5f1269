package io.lingxi.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.dialogue.domain.Turn;
import io.lingxi.testing.JwtTestResource;
import io.lingxi.testing.KafkaTestResource;
import io.lingxi.testing.KafkaTopics;
import io.lingxi.testing.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dialogue_test"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(FakeOrderSystem.class)
class DialogueFlowTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void greetsInChineseAndReportsTheTurn() throws Exception {
        String conversation = newConversation();
        String messageId = understood(conversation, "你好", "zh", "greeting");

        JsonNode reply = awaitReply(conversation, messageId);
        assertThat(reply.get("text").asText()).startsWith("您好！我是灵犀智能客服");
        assertThat(reply.get("sender").asText()).isEqualTo("BOT");
        assertThat(reply.get("language").asText()).isEqualTo("zh");
        assertThat(reply.get("quickReplies")).isNotEmpty();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(
                recordsFor(Topics.CONVERSATION_EVENT, conversation)).extracting(r -> KafkaTopics.header(r, "ce_type"))
                .contains("cs.conversation.started", "cs.conversation.turn_completed"));
    }

    @Test
    void asksTheKnowledgeBaseAndAnswersWithWhatItFound() throws Exception {
        String conversation = newConversation();
        String messageId = understood(conversation, "how do I get a refund", "en", "refund");

        ConsumerRecord<String, String> query = awaitOne(Topics.KNOWLEDGE_QUERY, conversation);
        JsonNode queried = mapper.readTree(query.value());
        assertThat(queried.get("query").asText()).isEqualTo("how do I get a refund");
        assertThat(queried.get("language").asText()).isEqualTo("en");
        assertThat(queried.get("messageId").asText()).isEqualTo(messageId);

        answer(conversation, messageId, "ANSWERED",
                "[{\"entryId\":\"faq-1\",\"question\":\"How long do refunds take?\",\"answer\":\"Refunds reach your account within 3-5 working days.\",\"score\":0.9}]");
        assertThat(awaitReply(conversation, messageId).get("text").asText())
                .isEqualTo("Refunds reach your account within 3-5 working days.");

        String second = understood(conversation, "what is quantum physics", "en", "nlu_fallback");
        // the knowledge base answers what it was asked: wait for the question first
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> recordsFor(
                Topics.KNOWLEDGE_QUERY, conversation).stream().anyMatch(r -> r.value().contains(second)));
        answer(conversation, second, "UNANSWERED", "[]");
        JsonNode fallback = awaitReply(conversation, second);
        assertThat(fallback.get("text").asText()).startsWith("Sorry, I can't answer that yet.");
        assertThat(fallback.get("quickReplies").get(0).get("payload").asText()).isEqualTo("agent");
    }

    @Test
    void handsOffWithTheConversationSoFarThenStaysSilent() throws Throwable {
        String conversation = newConversation();
        String hello = understood(conversation, "你好", "zh", "greeting");
        awaitReply(conversation, hello);
        understood(conversation, "转人工", "zh", "request_human");

        ConsumerRecord<String, String> request = awaitOne(Topics.HANDOFF_REQUESTED, conversation);
        JsonNode handoff = mapper.readTree(request.value());
        assertThat(handoff.get("reason").asText()).isEqualTo("customer_request");
        assertThat(handoff.get("language").asText()).isEqualTo("zh");
        assertThat(handoff.get("requestId").asText()).isEqualTo(KafkaTopics.header(request, "ce_id"));
        assertThat(handoff.at("/summary/lastMessages").findValuesAsText("text"))
                .containsExactly("你好", handoffGreeting(), "转人工");

        String later = understood(conversation, "还在吗", "zh", "greeting");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> uncheckedTurnState(conversation, later) != null);
        assertThat(turnState(conversation, later)).isEqualTo("SILENT");
        assertThat(replies(conversation)).hasSize(1);
    }

    @Test
    void aRedeliveredMessageMakesOneTurnAndRepublishesTheSameReply() throws Throwable {
        String conversation = newConversation();
        String eventId = UUID.randomUUID().toString();
        String messageId = "m-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            send(eventId, conversation, messageId, "谢谢", "zh", "thanks");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> replies(conversation).size() >= 1);
        assertThat(replies(conversation)).extracting(r -> KafkaTopics.header(r, "ce_id")).containsOnly(
                KafkaTopics.header(replies(conversation).get(0), "ce_id"));
        assertThat(countTurns(conversation)).isEqualTo(1);
    }

    @Test
    void conversationsAreHandledSideBySideEachInItsOwnOrder() throws Throwable {
        List<String> conversations = new java.util.ArrayList<>();
        java.util.Map<String, List<String>> sent = new java.util.HashMap<>();
        for (int c = 0; c < 6; c++) {
            String conversation = newConversation();
            conversations.add(conversation);
            sent.put(conversation, new java.util.ArrayList<>());
        }
        for (int i = 0; i < 4; i++) { // interleaved: every conversation's first message, then every second, …
            for (String conversation : conversations) {
                sent.get(conversation).add(understood(conversation, "谢谢", "zh", "thanks"));
            }
        }
        for (String conversation : conversations) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> replies(conversation).size() >= 4);
            List<String> answered = new java.util.ArrayList<>();
            for (ConsumerRecord<String, String> reply : replies(conversation)) {
                answered.add(mapper.readTree(reply.value()).get("inReplyTo").asText());
            }
            assertThat(answered).containsExactlyElementsOf(sent.get(conversation));
            assertThat(countTurns(conversation)).isEqualTo(4);
        }
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopic() {
        String id = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.MESSAGE_UNDERSTOOD, "x", "[" + id,
                KafkaTopics.cloudEventHeaders(id, EventTypes.MESSAGE_UNDERSTOOD, "x", "demo"));
        String orphan = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.KNOWLEDGE_ANSWER, "nowhere", """
                {"queryId":"%s","tenantId":"demo","conversationId":"nowhere","messageId":"m","decision":"UNANSWERED","hits":[]}
                """.formatted(orphan), KafkaTopics.cloudEventHeaders(orphan, EventTypes.KNOWLEDGE_ANSWERED, "nowhere", "demo"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertThat(KafkaTopics.readAll(Topics.dlq(Topics.MESSAGE_UNDERSTOOD)))
                    .anySatisfy(r -> assertThat(r.value()).contains(id));
            assertThat(KafkaTopics.readAll(Topics.dlq(Topics.KNOWLEDGE_ANSWER)))
                    .anySatisfy(r -> assertThat(r.value()).contains(orphan));
        });
    }

    private static String handoffGreeting() {
        return "您好！我是灵犀智能客服，请问有什么可以帮您？";
    }

    private static String newConversation() {
        return DialogueEvents.newConversation();
    }

    private String understood(String conversation, String text, String language, String intent) {
        return DialogueEvents.understood("demo", conversation, text, language, intent, "[]");
    }

    private static void send(String eventId, String conversation, String messageId, String text, String language,
            String intent) {
        DialogueEvents.send(eventId, "demo", conversation, messageId, text, language, intent, "[]");
    }

    private static void answer(String conversation, String messageId, String decision, String hits) {
        String id = UUID.randomUUID().toString();
        String json = """
                {"queryId":"q","tenantId":"demo","channelId":"web","conversationId":"%s","messageId":"%s",
                 "query":"q","language":"en","decision":"%s","hits":%s}
                """.formatted(conversation, messageId, decision, hits);
        KafkaTopics.send(Topics.KNOWLEDGE_ANSWER, conversation, json,
                KafkaTopics.cloudEventHeaders(id, EventTypes.KNOWLEDGE_ANSWERED, conversation, "demo"));
    }

    private JsonNode awaitReply(String conversation, String messageId) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> replies(conversation).stream()
                .anyMatch(r -> r.value().contains("\"inReplyTo\":\"" + messageId + "\"")));
        return mapper.readTree(replies(conversation).stream()
                .filter(r -> r.value().contains("\"inReplyTo\":\"" + messageId + "\"")).findFirst().orElseThrow().value());
    }

    private static ConsumerRecord<String, String> awaitOne(String topic, String conversation) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> !recordsFor(topic, conversation).isEmpty());
        return recordsFor(topic, conversation).get(0);
    }

    private static List<ConsumerRecord<String, String>> replies(String conversation) {
        return recordsFor(Topics.REPLY, conversation);
    }

    private static List<ConsumerRecord<String, String>> recordsFor(String topic, String conversation) {
        return DialogueEvents.recordsFor(topic, conversation);
    }

    private static String turnState(String conversation, String messageId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> Turn.findByMessage(conversation, messageId).map(t -> t == null ? null : t.state.name())));
    }

    private static String uncheckedTurnState(String conversation, String messageId) {
        try {
            return turnState(conversation, messageId);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static long countTurns(String conversation) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> Turn.count("conversationId", conversation)));
    }
}
