package io.lingxi.knowledge.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A row of {@code faq_entry}: one question of one tenant's knowledge base, with its answer. */
@Entity
@Table(name = "faq_entry")
public class FaqEntry extends PanacheEntityBase {

    public static final String PUBLISHED = "published";
    public static final String DRAFT = "draft";

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String question;

    /** Stored as a JSON array of strings. */
    @Convert(converter = StringListJsonConverter.class)
    @Column(name = "similar_questions", nullable = false)
    public List<String> similarQuestions = List.of();

    @Column(nullable = false)
    public String answer;

    /** {@code zh} or {@code en}. */
    @Column(nullable = false)
    public String language;

    public String category;

    /** {@link #PUBLISHED} or {@link #DRAFT}; only published entries are ever served. */
    @Column(nullable = false)
    public String status;

    @Column(name = "valid_from", nullable = false)
    public Instant validFrom;

    /** Null when the entry never expires. */
    @Column(name = "valid_until")
    public Instant validUntil;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * The tenant's published entries that are, or will become, valid after {@code now}. The matcher checks the
     * window again at match time, since a cached entry may expire between two loads.
     */
    public static Uni<List<FaqEntry>> listPublished(String tenantId, Instant now) {
        return list("tenantId = ?1 and status = ?2 and (validUntil is null or validUntil > ?3) order by id",
                tenantId, PUBLISHED, now);
    }

    public Faq toFaq() {
        return new Faq(id, tenantId, question, similarQuestions, answer, language, category, PUBLISHED.equals(status),
                validFrom, validUntil);
    }
}
