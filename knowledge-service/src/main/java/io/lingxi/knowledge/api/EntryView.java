package io.lingxi.knowledge.api;

import io.lingxi.knowledge.domain.FaqEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An FAQ entry as the management API shows it. */
public record EntryView(String id, String question, List<String> similarQuestions, String answer, String language,
        String category, List<String> tags, List<String> keywords, Map<String, String> answerVariants, String status,
        Instant validFrom, Instant validUntil, int version, Instant createdAt, Instant updatedAt) {

    public static EntryView of(FaqEntry e) {
        return new EntryView(e.id, e.question, e.similarQuestions, e.answer, e.language, e.category, e.tags, e.keywords,
                e.answerVariants, e.status, e.validFrom, e.validUntil, e.version, e.createdAt, e.updatedAt);
    }
}
