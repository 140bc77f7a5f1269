package io.lingxi.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.lingxi.contracts.events.QuickReply;
import java.time.Instant;
import java.util.List;

/**
 * A conversation as its channel sees it: the customer's messages and the replies, in order, and what the
 * channel told the gateway about the customer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationView(String conversationId, List<Line> messages, Customer customer) {

    public ConversationView(String conversationId, List<Line> messages) {
        this(conversationId, messages, null);
    }

    /**
     * One message; {@code sender} is {@code customer}, {@code bot}, {@code agent} or {@code system}; {@code kind}
     * is text, image, file, location or event, with {@code payload} holding its structured part; {@code speech}
     * is the reply shaped for voice, on phone channels.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Line(String id, String sender, String text, String language, List<QuickReply> quickReplies,
            String inReplyTo, Instant createdAt, String kind, JsonNode payload, List<String> speech, Long seq) {
    }

    /** Profile hints about the customer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Customer(String customerId, String name, String vipLevel, String externalId) {
    }
}
