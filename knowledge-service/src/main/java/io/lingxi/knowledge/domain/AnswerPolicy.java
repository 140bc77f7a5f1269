package io.lingxi.knowledge.domain;

import io.lingxi.contracts.events.KnowledgeAnswered.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns ranked hits (confidence in [0, 1], best first) into the bot's decision. The best entry answers when its
 * confidence reaches the answer threshold and no other entry comes within the ambiguity margin of it; otherwise
 * entries from the suggestion threshold are offered (at most {@code maxSuggestions}); otherwise unanswered.
 */
public final class AnswerPolicy {

    private final double ambiguityMargin;
    private final int maxSuggestions;

    public AnswerPolicy(double ambiguityMargin, int maxSuggestions) {
        if (ambiguityMargin < 0 || ambiguityMargin >= 1 || maxSuggestions < 1) {
            throw new IllegalArgumentException("ambiguity margin must be in [0, 1) and max suggestions at least 1");
        }
        this.ambiguityMargin = ambiguityMargin;
        this.maxSuggestions = maxSuggestions;
    }

    public Match decide(List<Match.Hit> ranked, Thresholds thresholds, int limit) {
        List<Match.Hit> hits = new ArrayList<>();
        for (Match.Hit hit : ranked) {
            if (hit.score() >= thresholds.suggest()) {
                hits.add(hit);
            }
        }
        if (hits.isEmpty()) {
            return Match.UNANSWERED;
        }
        int max = Math.max(1, limit);
        Match.Hit top = hits.get(0);
        boolean ambiguous = hits.size() > 1 && hits.get(1).score() > top.score() - ambiguityMargin;
        if (top.score() >= thresholds.answer() && !ambiguous) {
            return new Match(Decision.ANSWERED, hits.subList(0, Math.min(max, hits.size())));
        }
        return new Match(Decision.SUGGESTED, hits.subList(0, Math.min(Math.min(max, maxSuggestions), hits.size())));
    }
}
