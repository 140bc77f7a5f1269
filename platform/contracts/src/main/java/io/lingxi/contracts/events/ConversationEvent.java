package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.lingxi.contracts.EventTypes;
import java.time.Instant;
import java.util.Locale;

/**
 * A conversation's lifecycle, as dialogue sees it. Topic {@code cs.conversation.event.v1}, key
 * conversationId; {@code ce_type} is {@code cs.conversation.} followed by the lower-case type.
 *
 * @param resolvedByBot for {@code TURN_COMPLETED}: whether the bot answered the turn itself
 * @param surveyScore   for {@code SURVEY_ANSWERED}: 1 (very unsatisfied) to 5 (very satisfied)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationEvent(
        Type type,
        String tenantId,
        String channelId,
        String conversationId,
        String customerId,
        String messageId,
        String intent,
        Double confidence,
        Boolean resolvedByBot,
        Integer surveyScore,
        Instant occurredAt) {

    public enum Type {
        STARTED, TURN_COMPLETED, RESOLVED, CLOSED, SURVEY_ANSWERED
    }

    public String ceType() {
        return EventTypes.CONVERSATION_PREFIX + type.name().toLowerCase(Locale.ROOT);
    }
}
