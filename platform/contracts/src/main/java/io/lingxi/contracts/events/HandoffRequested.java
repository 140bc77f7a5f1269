package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Dialogue asks for a human agent. Topic {@code cs.handoff.requested.v1}, key conversationId.
 *
 * @param reason     {@code customer_request}, {@code fallbacks}, {@code negative_sentiment}, {@code flow},
 *                   {@code vip}, {@code complaint}
 * @param skillGroup the queue to join, e.g. {@code general}, {@code after_sales}, {@code complaints}
 * @param summary    what an agent needs to pick up the conversation
 * @param channelType the customer's channel type, e.g. {@code web}, {@code wechat-oa}, {@code phone}
 * @param customer   profile hints, or null
 * @param callId     the phone call to transfer, on a phone channel
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HandoffRequested(
        String requestId,
        String tenantId,
        String channelId,
        String conversationId,
        String customerId,
        String messageId,
        String reason,
        String skillGroup,
        Priority priority,
        String language,
        Summary summary,
        Instant requestedAt,
        String channelType,
        CustomerProfile customer,
        String callId) {

    /** A request without channel details. */
    public HandoffRequested(String requestId, String tenantId, String channelId, String conversationId,
            String customerId, String messageId, String reason, String skillGroup, Priority priority, String language,
            Summary summary, Instant requestedAt) {
        this(requestId, tenantId, channelId, conversationId, customerId, messageId, reason, skillGroup, priority,
                language, summary, requestedAt, null, null, null);
    }

    public enum Priority {
        NORMAL, HIGH, URGENT
    }

    /** Intents and entities so far and the last messages of the conversation. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Summary(List<String> intents, List<Entity> entities, List<TranscriptLine> lastMessages) {
    }
}
