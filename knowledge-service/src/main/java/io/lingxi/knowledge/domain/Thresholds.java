package io.lingxi.knowledge.domain;

/**
 * A tenant's two confidence thresholds: from {@code answer} the best entry answers; from {@code suggest} entries
 * are offered as "您是不是想问…" suggestions; below, the question is unanswered.
 */
public record Thresholds(double answer, double suggest) {

    public Thresholds {
        if (!(suggest > 0 && suggest <= answer && answer <= 1)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 < suggest (" + suggest + ") <= answer ("
                    + answer + ") <= 1");
        }
    }
}
