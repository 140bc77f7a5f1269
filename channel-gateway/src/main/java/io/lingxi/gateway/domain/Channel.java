package io.lingxi.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A channel through which one tenant's customers write in; authenticated by its API key. */
@Entity
@Table(name = "channel")
public class Channel extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String type;

    /** SHA-256 of the API key, hex; the key itself is never stored. */
    @Column(name = "key_hash", nullable = false)
    public String keyHash;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
