package io.lingxi.gateway.service;

import java.util.Map;

/**
 * A customer's message as a channel hands it over, already reduced to what the gateway keeps.
 *
 * @param kind    text, image, file, location or event
 * @param text    the text stored and, when {@code publish}, sent on as the customer's words
 * @param payload the structured part (attachment, location, event, call), or empty
 * @param publish whether it goes on to the bot; events such as session_opened are only recorded
 * @param profile profile hints, or null
 */
public record InboundMessage(String messageId, String customerId, String kind, String text,
        Map<String, Object> payload, boolean publish, Profile profile) {

    public InboundMessage(String messageId, String customerId, String text) {
        this(messageId, customerId, "text", text, Map.of(), true, null);
    }

    /** Hints about the customer; null fields are left as they were. */
    public record Profile(String name, String vipLevel, String externalId) {
    }
}
