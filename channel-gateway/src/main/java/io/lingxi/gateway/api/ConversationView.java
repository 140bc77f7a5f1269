package io.lingxi.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lingxi.contracts.events.QuickReply;
import java.time.Instant;
import java.util.List;

/** A conversation as its channel sees it: the customer's messages and the replies, in order. */
public record ConversationView(String conversationId, List<Line> messages) {

    /** One message; {@code sender} is {@code customer}, {@code bot}, {@code agent} or {@code system}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Line(String id, String sender, String text, String language, List<QuickReply> quickReplies,
            String inReplyTo, Instant createdAt) {
    }
}
