package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Sentiment of one message.
 *
 * @param label {@code negative}, {@code neutral} or {@code positive}
 * @param score from -1 (strongly negative) to 1 (strongly positive)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Sentiment(String label, double score) {

    public static final Sentiment NEUTRAL = new Sentiment("neutral", 0.0);
}
