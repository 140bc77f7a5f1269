package io.lingxi.analytics.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one consumed event changes in the analytics tables, and its anonymised copy for the export stream.
 * Nothing in here holds raw personal data: texts are masked, customer and conversation ids are hashes.
 *
 * @param occurredAt when the event happened: its time bucket
 * @param exportData the payload with personal data masked, for {@code cs.analytics.export.v1}
 */
public record Analysis(String tenantId, String channelId, String conversationHash, String customerHash,
        Instant occurredAt, List<Change> changes, Map<String, Object> exportData) {

    /** One change to the analytics tables. */
    public sealed interface Change {
    }

    /** Adds one to a foundation counter ({@code counter} table: messages, replies, agent_replies, handoffs). */
    public record Count(Metric metric) implements Change {
    }

    /** Adds {@code count} and {@code total} to a KPI of the event's hour and day (intent and dimension "" if none). */
    public record Kpi(String metric, String intent, String dimension, long count, double total) implements Change {

        public static Kpi one(String metric, String intent, String dimension) {
            return new Kpi(metric, intent, dimension, 1, 0);
        }
    }

    /** Creates or updates the conversation: handed off once a handoff is queued, satisfaction once a survey is answered. */
    public record ConversationSeen(boolean handedOff, int csat) implements Change {
    }

    /** The first customer message of a conversation counts the conversation (once, in that message's bucket). */
    public record FirstMessage() implements Change {
    }

    /** A masked transcript line; received and understood copies of a message merge into one line. */
    public record Line(String lineId, String sender, String text, String intent, String sentiment) implements Change {
    }

    /** A question the knowledge base could not answer, masked, with its {@link QuestionKey}. */
    public record Unanswered(String language, String question, String questionKey) implements Change {
    }

    /**
     * One half of a bot response time: a customer message arrived ({@code reply} false) or the bot first replied to
     * it ({@code reply} true), at the event's time. When both halves are in, {@code bot_first_reply_ms} counts once,
     * in the bucket of the message's arrival.
     */
    public record ResponseHalf(String messageHash, boolean reply) implements Change {
    }

    /** The knowledge entry a question hit, with its (masked) question, for hot topics. */
    public record KnowledgeEntry(String entryId, String question) implements Change {
    }
}
