package io.lingxi.dialogue.domain;

import io.lingxi.contracts.events.HandoffRequested.Priority;
import io.lingxi.contracts.events.IntentScore;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.dialogue.config.DialogueConfig.VipHandoff;

/** Decides what the bot does with a customer's message. Pure: no I/O. */
public final class DialoguePolicy {

    /** What to do with one message. */
    public sealed interface Decision {
    }

    /** Answer at once. */
    public record Reply(BotReply reply) implements Decision {
    }

    /** Ask which topic the customer meant. */
    public record Clarify(BotReply reply) implements Decision {
    }

    /** Ask the knowledge base and answer when it replies. */
    public record AskKnowledge() implements Decision {
    }

    /** Hand the conversation to a human. */
    public record Handoff(String reason, String skillGroup, Priority priority) implements Decision {
    }

    /** The customer rated the conversation that just closed. */
    public record SurveyAnswer(int score) implements Decision {
    }

    /** A human has the conversation: say nothing. */
    public record Silent() implements Decision {
    }

    /** Sentiment at or below this hands over at once; negative twice in a row does too. */
    static final double STRONGLY_NEGATIVE = -0.7;
    /** Runners-up at least this likely are offered when a message was not understood. */
    static final double CLARIFY_CONFIDENCE = 0.25;

    /**
     * Whether the VIP trigger hands a VIP's conversation to a human at once: the tenant asks for it and it has not
     * fired in this conversation yet (an agent who gave the conversation back to the bot is not overruled).
     */
    public static boolean vipAtOnce(boolean vip, VipHandoff mode, Conversation conversation) {
        return vip && mode == VipHandoff.IMMEDIATE && (conversation == null || !conversation.vipHandedOff);
    }

    /** Raises a VIP's handoff to the VIP priority and, when the tenant has one, the VIP skill group. */
    public static Handoff forVip(Handoff handoff, Priority vipPriority, String vipSkillGroup) {
        Priority priority = handoff.priority().compareTo(vipPriority) >= 0 ? handoff.priority() : vipPriority;
        return new Handoff(handoff.reason(), vipSkillGroup == null ? handoff.skillGroup() : vipSkillGroup, priority);
    }

    public Decision decide(Conversation conversation, MessageUnderstood message, String language) {
        return decide(conversation, message, language, false);
    }

    /**
     * @param vipAtOnce the customer is a VIP whom the tenant hands to a human before the bot tries (see
     *                  {@link #vipAtOnce})
     */
    public Decision decide(Conversation conversation, MessageUnderstood message, String language, boolean vipAtOnce) {
        ConversationStatus status = conversation.status;
        if (status == ConversationStatus.QUEUED || status == ConversationStatus.WITH_AGENT) {
            return new Silent();
        }
        if (conversation.surveyPending) {
            Integer score = Replies.surveyScore(message.text());
            if (score != null) {
                return new SurveyAnswer(score);
            }
        }
        if (vipAtOnce) {
            return new Handoff("vip", "general", Priority.HIGH);
        }
        String intent = message.intent().name();
        if ("request_human".equals(intent)) {
            return new Handoff("customer_request", "general", Priority.NORMAL);
        }
        if ("complaint".equals(intent)) {
            return new Handoff("complaint", "complaints", Priority.HIGH);
        }
        if (message.sentiment() != null && "negative".equals(message.sentiment().label())
                && (message.sentiment().score() <= STRONGLY_NEGATIVE || conversation.negativeStreak >= 1)) {
            return new Handoff("negative_sentiment", "complaints", Priority.HIGH);
        }
        if (MessageUnderstood.FALLBACK_INTENT.equals(intent) && conversation.consecutiveFallbacks == 0
                && message.ranking() != null) {
            // not understood: first ask which of the likely topics the customer meant
            BotReply clarification = Replies.clarify(language, message.ranking().stream()
                    .filter(score -> score.confidence() >= CLARIFY_CONFIDENCE)
                    .map(IntentScore::name).filter(name -> !MessageUnderstood.FALLBACK_INTENT.equals(name)).toList());
            if (clarification != null) {
                return new Clarify(clarification);
            }
        }
        return switch (intent) {
            case "greeting" -> new Reply(Replies.greeting(language));
            case "thanks" -> new Reply(Replies.thanks(language));
            case "goodbye" -> new Reply(Replies.goodbye(language));
            default -> new AskKnowledge();
        };
    }
}
