package io.lingxi.nlu.domain;

import io.lingxi.contracts.events.Entity;
import io.lingxi.contracts.events.IntentScore;
import io.lingxi.contracts.events.Sentiment;
import java.util.List;

/** What the NLU read in one message. */
public record Understanding(String language, IntentScore intent, List<IntentScore> ranking, List<Entity> entities,
        Sentiment sentiment, String modelVersion) {
}
