package io.lingxi.knowledge.api;

import java.util.List;

/**
 * A labelled test set: {@code queries} with the ids of the entries that answer them, searched in a throw-away
 * index of {@code entries} (or of the tenant's servable entries when {@code entries} is absent).
 *
 * @param backend  {@code lucene} (default) or {@code elasticsearch}
 * @param synonyms optional synonym groups applied as in production
 */
public record EvaluationRequest(String backend, List<Entry> entries, List<LabelledQuery> queries,
        List<List<String>> synonyms) {

    /** An entry of the throw-away index (always published and valid). */
    public record Entry(String id, String question, List<String> similarQuestions, String answer, String language) {
    }

    /** A question and the entries that answer it. */
    public record LabelledQuery(String query, List<String> relevantIds) {
    }
}
