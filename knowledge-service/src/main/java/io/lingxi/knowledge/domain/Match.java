package io.lingxi.knowledge.domain;

import io.lingxi.contracts.events.KnowledgeAnswered.Decision;
import java.util.List;

/**
 * What the knowledge base makes of one query.
 *
 * @param hits best first; empty when {@code UNANSWERED}; when {@code ANSWERED} the first hit is the answer
 */
public record Match(Decision decision, List<Hit> hits) {

    public static final Match UNANSWERED = new Match(Decision.UNANSWERED, List.of());

    public Match {
        hits = List.copyOf(hits);
    }

    /** An entry and the confidence, in [0, 1], that it answers the query. */
    public record Hit(Faq faq, double score) {
    }
}
