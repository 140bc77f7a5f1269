package io.lingxi.nlu.sentiment;

import io.lingxi.contracts.events.Sentiment;

/**
 * The sentiment of one message.
 *
 * @param label      {@code negative}, {@code neutral} or {@code positive}: the classifier's most likely label
 * @param score      from -1 (strongly negative) to 1 (strongly positive); always on the label's side: at most
 *                   {@value SentimentModel#BAND} for negative, at least {@value SentimentModel#BAND} for positive,
 *                   strictly between for neutral
 * @param confidence the classifier's probability of {@code label}
 */
public record SentimentResult(String label, double score, double confidence) {

    /** The form events and the parse API carry (label and score). */
    public Sentiment toSentiment() {
        return new Sentiment(label, score);
    }
}
