package io.lingxi.knowledge.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code knowledge_settings}: a tenant's own confidence thresholds. */
@Entity
@Table(name = "knowledge_settings")
public class KnowledgeSettings extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "answer_threshold", nullable = false)
    public double answerThreshold;

    @Column(name = "suggest_threshold", nullable = false)
    public double suggestThreshold;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
