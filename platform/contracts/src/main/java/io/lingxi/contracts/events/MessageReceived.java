package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A customer's message accepted by the gateway. Topic {@code cs.message.received.v1}, key conversationId.
 *
 * @param messageId      the channel's own message id (unique per channel)
 * @param channelType    {@code web}, {@code app}, {@code wechat-oa}, {@code wechat-mp}, {@code webhook}, {@code phone}
 * @param customerId     the channel's customer id (raw; masked before analytics stores or exports it)
 * @param text           the message text, at most 2,000 characters
 * @param receivedAt     when the gateway accepted it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageReceived(
        String messageId,
        String tenantId,
        String channelId,
        String channelType,
        String conversationId,
        String customerId,
        String text,
        Instant receivedAt) {
}
