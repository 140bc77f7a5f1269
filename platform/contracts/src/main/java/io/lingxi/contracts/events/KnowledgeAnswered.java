package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The knowledge base's answer to a {@link KnowledgeQueried}. Topic {@code cs.knowledge.answer.v1}, key
 * conversationId.
 *
 * @param decision {@code ANSWERED} (the first hit answers), {@code SUGGESTED} (hits are suggestions) or
 *                 {@code UNANSWERED}
 * @param hits     best first, scores in [0, 1]
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KnowledgeAnswered(
        String queryId,
        String tenantId,
        String channelId,
        String conversationId,
        String messageId,
        String query,
        String language,
        Decision decision,
        List<KnowledgeHit> hits) {

    public enum Decision {
        ANSWERED, SUGGESTED, UNANSWERED
    }
}
