package io.lingxi.knowledge.api;

import io.lingxi.contracts.events.KnowledgeAnswered.Decision;
import java.util.List;

/**
 * What the knowledge base makes of a question.
 *
 * @param decision {@code ANSWERED} (the first hit is the answer), {@code SUGGESTED} (the hits are suggestions)
 *                 or {@code UNANSWERED} (no hits)
 * @param hits     best first
 */
public record SearchResult(String query, Decision decision, List<Hit> hits) {

    /** One matching entry; {@code score} is the confidence in [0, 1] that it answers the question. */
    public record Hit(String entryId, String question, String answer, String language, String category,
            double score) {
    }
}
