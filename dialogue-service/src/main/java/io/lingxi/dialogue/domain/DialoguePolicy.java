package io.lingxi.dialogue.domain;

import io.lingxi.contracts.events.HandoffRequested.Priority;
import io.lingxi.contracts.events.MessageUnderstood;

/** Decides what the bot does with a customer's message. Pure: no I/O. */
public final class DialoguePolicy {

    /** What to do with one message. */
    public sealed interface Decision {
    }

    /** Answer at once. */
    public record Reply(BotReply reply) implements Decision {
    }

    /** Ask the knowledge base and answer when it replies. */
    public record AskKnowledge() implements Decision {
    }

    /** Hand the conversation to a human. */
    public record Handoff(String reason, String skillGroup, Priority priority) implements Decision {
    }

    /** A human has the conversation: say nothing. */
    public record Silent() implements Decision {
    }

    public Decision decide(ConversationStatus status, MessageUnderstood message, String language) {
        if (status == ConversationStatus.QUEUED || status == ConversationStatus.WITH_AGENT) {
            return new Silent();
        }
        return switch (message.intent().name()) {
            case "request_human" -> new Handoff("customer_request", "general", Priority.NORMAL);
            case "complaint" -> new Handoff("complaint", "complaints", Priority.HIGH);
            case "greeting" -> new Reply(Replies.greeting(language));
            case "thanks" -> new Reply(Replies.thanks(language));
            case "goodbye" -> new Reply(Replies.goodbye(language));
            default -> new AskKnowledge();
        };
    }
}
