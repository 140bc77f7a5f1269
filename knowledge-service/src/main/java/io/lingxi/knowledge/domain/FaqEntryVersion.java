package io.lingxi.knowledge.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of {@code faq_entry_version}: one saved state of an entry, as JSON. */
@Entity
@Table(name = "faq_entry_version")
@IdClass(FaqEntryVersion.Key.class)
public class FaqEntryVersion extends PanacheEntityBase {

    @Id
    @Column(name = "entry_id")
    public String entryId;

    @Id
    public int version;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String snapshot;

    /** created, updated, deleted or imported. */
    @Column(nullable = false)
    public String change;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public static class Key implements Serializable {
        public String entryId;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.entryId, entryId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entryId, version);
        }
    }
}
