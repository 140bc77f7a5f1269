package io.lingxi.knowledge.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One FAQ entry as search sees it: an immutable copy of a {@link FaqEntry} row.
 *
 * @param similarQuestions other ways customers ask the same thing
 * @param keywords         extra words that should find the entry (indexed with the questions)
 * @param answerVariants   channel id → an answer written for that channel (e.g. short for phone); may be empty
 * @param validUntil       null when the entry never expires
 */
public record Faq(String id, String tenantId, String question, List<String> similarQuestions, String answer,
        String language, String category, List<String> keywords, Map<String, String> answerVariants,
        boolean published, Instant validFrom, Instant validUntil) {

    public Faq {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        similarQuestions = similarQuestions == null ? List.of() : List.copyOf(similarQuestions);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        answerVariants = answerVariants == null ? Map.of() : Map.copyOf(answerVariants);
    }

    /** A published entry without keywords or channel variants, valid from {@code validFrom}. */
    public static Faq of(String id, String tenantId, String question, List<String> similarQuestions, String answer,
            String language, boolean published, Instant validFrom, Instant validUntil) {
        return new Faq(id, tenantId, question, similarQuestions, answer, language, null, List.of(), Map.of(),
                published, validFrom, validUntil);
    }

    /** Whether a customer may be given this entry at {@code now}: published and inside its validity window. */
    public boolean servableAt(Instant now) {
        return published
                && (validFrom == null || !now.isBefore(validFrom))
                && (validUntil == null || now.isBefore(validUntil));
    }

    /** The answer written for {@code channelId}, or the general answer when there is none. */
    public String answerFor(String channelId) {
        String variant = channelId == null ? null : answerVariants.get(channelId);
        return variant == null || variant.isBlank() ? answer : variant;
    }
}
