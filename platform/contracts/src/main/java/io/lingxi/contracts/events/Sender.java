package io.lingxi.contracts.events;

/** Who wrote a line of a conversation. */
public enum Sender {
    CUSTOMER, BOT, AGENT, SYSTEM
}
