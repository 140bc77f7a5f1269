package io.lingxi.knowledge.domain;

import io.lingxi.contracts.events.KnowledgeAnswered.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides whether a tenant's FAQ answers a customer's question. An entry's confidence is the best
 * {@link TextFeatures#similarity similarity} of the query to its standard question or any of its similar
 * questions. The best entry answers when its confidence reaches the answer threshold and no other entry comes
 * within the ambiguity margin of it; otherwise entries above the suggestion threshold are offered as
 * suggestions; otherwise the question is unanswered. Only entries servable at the given instant take part.
 * No I/O: thread-safe and cheap to share.
 */
public final class FaqMatcher {

    private static final Comparator<Match.Hit> BEST_FIRST = Comparator.comparingDouble(Match.Hit::score).reversed()
            .thenComparing(hit -> hit.faq().id());

    private final double answerThreshold;
    private final double suggestThreshold;
    private final double ambiguityMargin;
    private final int maxSuggestions;

    /**
     * @param answerThreshold  confidence from which the best entry is given as the answer
     * @param suggestThreshold confidence from which an entry is worth suggesting
     * @param ambiguityMargin  when the runner-up is this close to the best entry, the customer chooses
     * @param maxSuggestions   how many suggestions at most
     */
    public FaqMatcher(double answerThreshold, double suggestThreshold, double ambiguityMargin, int maxSuggestions) {
        if (!(suggestThreshold > 0 && suggestThreshold <= answerThreshold && answerThreshold <= 1)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 < suggest (" + suggestThreshold
                    + ") <= answer (" + answerThreshold + ") <= 1");
        }
        if (ambiguityMargin < 0 || ambiguityMargin >= 1 || maxSuggestions < 1) {
            throw new IllegalArgumentException("ambiguity margin must be in [0, 1) and max suggestions at least 1");
        }
        this.answerThreshold = answerThreshold;
        this.suggestThreshold = suggestThreshold;
        this.ambiguityMargin = ambiguityMargin;
        this.maxSuggestions = maxSuggestions;
    }

    /**
     * @param limit how many hits at most (suggestions are further capped by {@code maxSuggestions})
     */
    public Match match(String query, FaqIndex index, Instant now, int limit) {
        TextFeatures features = TextFeatures.of(query);
        if (features.total() <= 0) {
            return Match.UNANSWERED;
        }
        List<Match.Hit> hits = new ArrayList<>();
        for (FaqIndex.Indexed entry : index.entries()) {
            if (!entry.faq().servableAt(now)) {
                continue;
            }
            double best = 0;
            for (TextFeatures question : entry.questions()) {
                best = Math.max(best, TextFeatures.similarity(features, question));
            }
            if (best >= suggestThreshold) {
                hits.add(new Match.Hit(entry.faq(), best));
            }
        }
        if (hits.isEmpty()) {
            return Match.UNANSWERED;
        }
        hits.sort(BEST_FIRST);
        int max = Math.max(1, limit);
        Match.Hit top = hits.get(0);
        boolean ambiguous = hits.size() > 1 && hits.get(1).score() > top.score() - ambiguityMargin;
        if (top.score() >= answerThreshold && !ambiguous) {
            return new Match(Decision.ANSWERED, hits.subList(0, Math.min(max, hits.size())));
        }
        return new Match(Decision.SUGGESTED, hits.subList(0, Math.min(Math.min(max, maxSuggestions), hits.size())));
    }
}
