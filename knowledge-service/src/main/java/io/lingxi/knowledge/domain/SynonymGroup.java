package io.lingxi.knowledge.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A row of {@code synonym_group}: words one tenant's customers use for the same thing. */
@Entity
@Table(name = "synonym_group")
public class SynonymGroup extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Convert(converter = StringListJsonConverter.class)
    @Column(nullable = false)
    public List<String> terms = List.of();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
