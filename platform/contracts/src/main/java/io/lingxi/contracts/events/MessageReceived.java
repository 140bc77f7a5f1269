package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * A customer's message accepted by the gateway. Topic {@code cs.message.received.v1}, key conversationId.
 *
 * @param messageId      the channel's own message id (unique per channel)
 * @param channelType    {@code web}, {@code app}, {@code wechat-oa}, {@code wechat-mp}, {@code webhook}, {@code phone}
 * @param customerId     the channel's customer id (raw; masked before analytics stores or exports it)
 * @param text           the message text, at most 2,000 characters
 * @param receivedAt     when the gateway accepted it
 * @param kind           {@code text}, {@code image}, {@code file}, {@code location} or {@code event}; null means text
 * @param payload        the structured part of a non-text message (attachment url/fileName, location
 *                       latitude/longitude/label, event name/value), or null
 * @param customer       profile hints the channel sent with the message, or null
 * @param callId         the phone call this utterance belongs to, on a phone channel
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
        Instant receivedAt,
        String kind,
        Map<String, Object> payload,
        CustomerProfile customer,
        String callId) {

    /** A plain text message without profile hints. */
    public MessageReceived(String messageId, String tenantId, String channelId, String channelType,
            String conversationId, String customerId, String text, Instant receivedAt) {
        this(messageId, tenantId, channelId, channelType, conversationId, customerId, text, receivedAt, null, null,
                null, null);
    }
}
