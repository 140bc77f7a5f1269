package io.lingxi.dialogue;

import static org.awaitility.Awaitility.await;

import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.testing.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Plays the services around dialogue in tests: NLU's understood messages, knowledge answers, topic reads. */
final class DialogueEvents {

    private DialogueEvents() {
    }

    static String newConversation() {
        return "conv-" + UUID.randomUUID();
    }

    /** Sends a customer's message as NLU would; returns its message id. */
    static String understood(String tenant, String conversation, String text, String language, String intent,
            String entitiesJson) {
        String messageId = "m-" + UUID.randomUUID();
        send(UUID.randomUUID().toString(), tenant, conversation, messageId, text, language, intent, entitiesJson);
        return messageId;
    }

    static void send(String eventId, String tenant, String conversation, String messageId, String text,
            String language, String intent, String entitiesJson) {
        send(eventId, tenant, conversation, messageId, text, language, intent, entitiesJson, "neutral", 0);
    }

    /** A customer's message with the sentiment NLU would give it; returns its message id. */
    static String felt(String tenant, String conversation, String text, String language, String intent,
            String sentiment, double score) {
        String messageId = "m-" + UUID.randomUUID();
        send(UUID.randomUUID().toString(), tenant, conversation, messageId, text, language, intent, "[]", sentiment,
                score);
        return messageId;
    }

    static void send(String eventId, String tenant, String conversation, String messageId, String text,
            String language, String intent, String entitiesJson, String sentiment, double score) {
        send(eventId, tenant, conversation, messageId, text, language, intent, entitiesJson, sentiment, score, "");
    }

    /**
     * A customer's message with the channel details NLU copies from the received message ({@code channelJson}:
     * e.g. {@code "channelType":"phone","callId":"c1","customer":{...}}); returns its message id.
     */
    static String fromChannel(String tenant, String conversation, String text, String language, String intent,
            String channelJson) {
        String messageId = "m-" + UUID.randomUUID();
        send(UUID.randomUUID().toString(), tenant, conversation, messageId, text, language, intent, "[]", "neutral", 0,
                channelJson);
        return messageId;
    }

    private static void send(String eventId, String tenant, String conversation, String messageId, String text,
            String language, String intent, String entitiesJson, String sentiment, double score, String channelJson) {
        String json = """
                {"messageId":"%s","tenantId":"%s","channelId":"web","conversationId":"%s","customerId":"c-1",
                 "text":"%s","language":"%s","intent":{"name":"%s","confidence":0.9},
                 "ranking":[{"name":"%s","confidence":0.9}],"entities":%s,"sentiment":{"label":"%s","score":%s},
                 "modelVersion":"test"%s}
                """.formatted(messageId, tenant, conversation, text, language, intent, intent, entitiesJson,
                sentiment, score, channelJson.isEmpty() ? "" : "," + channelJson);
        KafkaTopics.send(Topics.MESSAGE_UNDERSTOOD, conversation, json,
                KafkaTopics.cloudEventHeaders(eventId, EventTypes.MESSAGE_UNDERSTOOD, conversation, tenant));
    }

    /** Plays the handoff service: a state change of a conversation. */
    static void handoffEvent(String tenant, String conversation, String type) {
        String id = UUID.randomUUID().toString();
        String json = """
                {"type":"%s","tenantId":"%s","channelId":"web","conversationId":"%s","agentId":"agent-1",
                 "occurredAt":"2026-11-24T10:00:00Z"}""".formatted(type, tenant, conversation);
        KafkaTopics.send(Topics.HANDOFF_EVENT, conversation, json, KafkaTopics.cloudEventHeaders(id,
                "cs.handoff." + type.toLowerCase(java.util.Locale.ROOT), conversation, tenant));
    }

    /** Plays the knowledge service: its answer to the question of {@code messageId}, once that was asked. */
    static void knowledgeAnswer(String tenant, String conversation, String messageId, String decision,
            String hitsJson) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> recordsFor(
                Topics.KNOWLEDGE_QUERY, conversation).stream().anyMatch(r -> r.value().contains(messageId)));
        String id = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.KNOWLEDGE_ANSWER, conversation, """
                {"queryId":"q","tenantId":"%s","channelId":"web","conversationId":"%s","messageId":"%s",
                 "query":"q","language":"zh","decision":"%s","hits":%s}""".formatted(tenant, conversation, messageId,
                decision, hitsJson), KafkaTopics.cloudEventHeaders(id, EventTypes.KNOWLEDGE_ANSWERED, conversation, tenant));
    }

    static String orderNumber(String text, String number) {
        int start = text.indexOf(number);
        return "[{\"type\":\"order_number\",\"value\":\"%s\",\"text\":\"%s\",\"start\":%d,\"end\":%d}]"
                .formatted(number, number, start, start + number.length());
    }

    static List<ConsumerRecord<String, String>> recordsFor(String topic, String conversation) {
        return KafkaTopics.readAll(topic).stream().filter(r -> conversation.equals(r.key())).toList();
    }

    static List<ConsumerRecord<String, String>> awaitRecords(String topic, String conversation, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> recordsFor(topic, conversation).size() >= count);
        return recordsFor(topic, conversation);
    }
}
