package io.lingxi.dialogue.domain;

/** Where a customer's turn stands. */
public enum TurnState {
    /** The bot replied directly. */
    ANSWERED,
    /** Waiting for the knowledge base. */
    AWAITING_KNOWLEDGE,
    /** Answered from the knowledge base. */
    ANSWERED_FROM_KNOWLEDGE,
    /** The knowledge base had only suggestions. */
    SUGGESTED,
    /** Nobody could answer; the customer was told so. */
    UNANSWERED,
    /** Handed to a human. */
    HANDED_OFF,
    /** A human has the conversation; the bot kept silent. */
    SILENT
}
