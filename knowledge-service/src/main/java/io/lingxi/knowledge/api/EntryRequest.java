package io.lingxi.knowledge.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An FAQ entry as editors write it (create, update, import).
 *
 * @param id               optional on create and import ({@code [A-Za-z0-9_-]}, at most 64); made up when absent
 * @param answerVariants   channel id → answer for that channel (e.g. {@code phone}); optional
 * @param status           {@code draft} (default) or {@code published}
 * @param validFrom        default now
 * @param validUntil       null = never expires; must be after validFrom
 * @param version          on update: the version the editor read; a different current version is a conflict
 */
public record EntryRequest(
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 letters, digits, '-' or '_'") String id,
        @NotBlank @Size(max = 500) String question,
        @Size(max = 50) List<@NotBlank @Size(max = 500) String> similarQuestions,
        @NotBlank @Size(max = 10000) String answer,
        @NotNull @Pattern(regexp = "zh|en", message = "must be zh or en") String language,
        @Size(max = 64) String category,
        @Size(max = 30) List<@NotBlank @Size(max = 64) String> tags,
        @Size(max = 30) List<@NotBlank @Size(max = 64) String> keywords,
        @Size(max = 10) Map<@Pattern(regexp = "[a-z0-9_-]{1,32}", message = "must be a channel id") String,
                @NotBlank @Size(max = 10000) String> answerVariants,
        @Pattern(regexp = "draft|published", message = "must be draft or published") String status,
        Instant validFrom,
        Instant validUntil,
        Integer version) {

    public List<String> similarQuestionsOrEmpty() {
        return similarQuestions == null ? List.of() : similarQuestions;
    }
}
