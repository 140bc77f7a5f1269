package io.lingxi.nlu.domain;

import io.lingxi.contracts.events.Entity;
import io.lingxi.contracts.events.IntentScore;
import io.lingxi.contracts.events.Sentiment;
import java.util.List;

/**
 * What the NLU read in one message.
 *
 * @param entityConfidences the confidence of each of {@code entities}, in the same order: 1 for pattern and
 *                          dictionary matches, the name finder's probability for names it learned
 */
public record Understanding(String language, IntentScore intent, List<IntentScore> ranking, List<Entity> entities,
        Sentiment sentiment, String modelVersion, List<Double> entityConfidences) {

    /** Every entity exact (confidence 1). */
    public Understanding(String language, IntentScore intent, List<IntentScore> ranking, List<Entity> entities,
            Sentiment sentiment, String modelVersion) {
        this(language, intent, ranking, entities, sentiment, modelVersion,
                java.util.Collections.nCopies(entities.size(), 1.0));
    }
}
