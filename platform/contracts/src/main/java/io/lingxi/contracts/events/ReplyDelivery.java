package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The outcome of delivering a reply through its channel. Topic {@code cs.delivery.v1}, key
 * conversationId; {@code ce_type} is {@code cs.reply.delivered} or {@code cs.reply.failed}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplyDelivery(
        String replyId,
        String tenantId,
        String channelId,
        String conversationId,
        Status status,
        int attempts,
        String error,
        Instant at) {

    public enum Status {
        DELIVERED, FAILED
    }
}
