package io.lingxi.contracts.events;

/** A button offered with a reply; {@code payload} is sent back as the customer's text when clicked. */
public record QuickReply(String label, String payload) {
}
