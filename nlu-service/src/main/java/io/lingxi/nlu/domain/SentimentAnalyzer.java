package io.lingxi.nlu.domain;

import io.lingxi.contracts.events.Sentiment;
import io.lingxi.nlu.sentiment.SentimentModel;
import io.lingxi.nlu.sentiment.SentimentResult;

/**
 * Customer-service sentiment, Chinese and English: negative / neutral / positive with a score in [-1, 1], from
 * the maxent classifier trained on the project's own data ({@link SentimentModel#shipped()}), tuned for
 * complaints, urgency and anger (投诉, 太慢了, 垃圾, 退钱, "this is ridiculous") and negation (不满意 vs 满意,
 * "not happy"). Thread-safe.
 */
public final class SentimentAnalyzer {

    private final SentimentModel model;

    public SentimentAnalyzer() {
        this(SentimentModel.shipped());
    }

    public SentimentAnalyzer(SentimentModel model) {
        this.model = model;
    }

    /** Label and score, as events carry them. */
    public Sentiment score(String text) {
        return analyze(text).toSentiment();
    }

    /** Label, score and the classifier's confidence in the label. */
    public SentimentResult analyze(String text) {
        return model.classify(text);
    }
}
