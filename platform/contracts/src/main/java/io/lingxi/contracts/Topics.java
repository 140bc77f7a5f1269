package io.lingxi.contracts;

import java.util.List;

/**
 * Kafka topic names. The only place a topic name is written; every conversation topic is keyed by
 * conversationId, {@link #NLU_MODEL} by tenant id.
 */
public final class Topics {

    public static final String MESSAGE_RECEIVED = "cs.message.received.v1";
    public static final String MESSAGE_UNDERSTOOD = "cs.message.understood.v1";
    public static final String KNOWLEDGE_QUERY = "cs.knowledge.query.v1";
    public static final String KNOWLEDGE_ANSWER = "cs.knowledge.answer.v1";
    public static final String REPLY = "cs.reply.v1";
    public static final String DELIVERY = "cs.delivery.v1";
    public static final String HANDOFF_REQUESTED = "cs.handoff.requested.v1";
    public static final String HANDOFF_EVENT = "cs.handoff.event.v1";
    public static final String CONVERSATION_EVENT = "cs.conversation.event.v1";
    public static final String NLU_MODEL = "cs.nlu.model.v1";
    public static final String ANALYTICS_EXPORT = "cs.analytics.export.v1";

    /** Suffix of the dead-letter topic of every topic above. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** Every business topic, in pipeline order. */
    public static final List<String> ALL = List.of(MESSAGE_RECEIVED, MESSAGE_UNDERSTOOD, KNOWLEDGE_QUERY,
            KNOWLEDGE_ANSWER, REPLY, DELIVERY, HANDOFF_REQUESTED, HANDOFF_EVENT, CONVERSATION_EVENT, NLU_MODEL,
            ANALYTICS_EXPORT);

    /** Topics whose records are compacted (latest value per key wins). */
    public static final List<String> COMPACTED = List.of(NLU_MODEL);

    private Topics() {
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
