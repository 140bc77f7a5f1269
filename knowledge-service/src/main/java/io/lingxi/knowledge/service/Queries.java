package io.lingxi.knowledge.service;

/** Limits shared by the search API and the query consumer. */
public final class Queries {

    /** Longest query text accepted: the gateway's limit on a customer's message. */
    public static final int MAX_LENGTH = 2000;

    /** Most hits one search returns. */
    public static final int MAX_LIMIT = 20;

    private Queries() {
    }

    /** Scores go out with three decimals: enough to rank, easier to read. */
    public static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }
}
