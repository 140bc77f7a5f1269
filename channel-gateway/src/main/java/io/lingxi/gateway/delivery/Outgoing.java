package io.lingxi.gateway.delivery;

import io.lingxi.contracts.events.QuickReply;
import io.lingxi.gateway.domain.ChannelType;
import java.time.Instant;
import java.util.List;

/**
 * One reply on its way to a channel that is pushed to.
 *
 * @param lastCustomerAt when the customer last wrote in this conversation (WeChat's 48-hour window)
 * @param kind           {@code text} for replies, {@code transfer} for a phone transfer instruction
 * @param payload        the line's structured part as JSON (the transfer's call id, skill group, agent), or null
 */
public record Outgoing(long deliveryId, String replyId, String tenantId, String channelId, ChannelType channelType,
        String conversationId, String customerId, String sender, String agentId, String language, String text,
        List<QuickReply> quickReplies, String inReplyTo, Instant createdAt, Instant lastCustomerAt, int attempt, String kind,
        String payload) {

    public boolean transfer() {
        return "transfer".equals(kind);
    }
}
