package io.lingxi.knowledge.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One FAQ entry as the matcher sees it: an immutable copy of a {@link FaqEntry} row.
 *
 * @param similarQuestions other ways customers ask the same thing
 * @param validUntil       null when the entry never expires
 */
public record Faq(String id, String tenantId, String question, List<String> similarQuestions, String answer,
        String language, String category, boolean published, Instant validFrom, Instant validUntil) {

    public Faq {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        similarQuestions = similarQuestions == null ? List.of() : List.copyOf(similarQuestions);
    }

    /** Whether a customer may be given this entry at {@code now}: published and inside its validity window. */
    public boolean servableAt(Instant now) {
        return published
                && (validFrom == null || !now.isBefore(validFrom))
                && (validUntil == null || now.isBefore(validUntil));
    }
}
