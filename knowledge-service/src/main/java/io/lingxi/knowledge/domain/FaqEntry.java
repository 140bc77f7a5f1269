package io.lingxi.knowledge.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    @Convert(converter = StringListJsonConverter.class)
    @Column(nullable = false)
    public List<String> keywords = List.of();

    @Convert(converter = StringListJsonConverter.class)
    @Column(nullable = false)
    public List<String> tags = List.of();

    /** Channel id → the answer written for that channel; stored as a JSON object. */
    @Convert(converter = StringMapJsonConverter.class)
    @Column(name = "answer_variants", nullable = false)
    public Map<String, String> answerVariants = Map.of();

    /** 1 when created, +1 at every change; each version is kept in {@code faq_entry_version}. */
    @Column(nullable = false)
    public int version = 1;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * The tenant's published entries that are, or will become, valid after {@code now}. The matcher checks the
     * window again at match time, since a cached entry may expire between two loads.
     */
    public static Uni<List<FaqEntry>> listPublished(String tenantId, Instant now) {
        return list("tenantId = ?1 and status = ?2 and (validUntil is null or validUntil > ?3) order by id",
                tenantId, PUBLISHED, now);
    }

    @PrePersist
    void stampCreation() {
        Instant now = Instant.now();
        if (createdAt == null) {
            createdAt = now;
        }
        if (updatedAt == null) {
            updatedAt = now;
        }
        if (validFrom == null) {
            validFrom = now;
        }
    }

    /** Every entry of the tenant, drafts and expired ones included (search filters them). */
    public static Uni<List<FaqEntry>> listOfTenant(String tenantId) {
        return list("tenantId = ?1 order by id", tenantId);
    }

    public Faq toFaq() {
        return new Faq(id, tenantId, question, similarQuestions, answer, language, category, keywords, answerVariants,
                PUBLISHED.equals(status), validFrom, validUntil);
    }
}
