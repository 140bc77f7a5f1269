package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Dialogue asks the knowledge base. Topic {@code cs.knowledge.query.v1}, key conversationId.
 *
 * @param messageId the customer message being answered
 * @param maxHits   how many hits the caller wants at most
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KnowledgeQueried(
        String queryId,
        String tenantId,
        String channelId,
        String conversationId,
        String messageId,
        String query,
        String language,
        int maxHits) {
}
