package io.lingxi.dialogue.domain;

/** Who is answering the conversation. */
public enum ConversationStatus {
    /** The bot answers. */
    BOT,
    /** Waiting for a human agent; the bot stays silent. */
    QUEUED,
    /** A human agent answers; the bot stays silent. */
    WITH_AGENT,
    CLOSED
}
