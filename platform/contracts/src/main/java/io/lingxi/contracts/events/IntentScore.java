package io.lingxi.contracts.events;

/** One intent with its calibrated confidence in [0, 1]. */
public record IntentScore(String name, double confidence) {
}
