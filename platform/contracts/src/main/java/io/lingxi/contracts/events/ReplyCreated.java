package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A message to the customer, from the bot or an agent. Topic {@code cs.reply.v1}, key conversationId.
 *
 * @param inReplyTo the customer message this answers, or null for a proactive message
 * @param agentId   the agent who wrote it, when {@code sender} is {@code AGENT}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplyCreated(
        String replyId,
        String tenantId,
        String channelId,
        String conversationId,
        String customerId,
        String inReplyTo,
        Sender sender,
        String agentId,
        String language,
        String text,
        List<QuickReply> quickReplies,
        Instant createdAt) {
}
