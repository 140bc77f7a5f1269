package io.lingxi.dialogue.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer who receives no proactive messages. */
@Entity
@Table(name = "proactive_opt_out")
public class ProactiveOptOut extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Uni<ProactiveOptOut> find(String tenantId, String customerId) {
        return find("tenantId = ?1 and customerId = ?2", tenantId, customerId).firstResult();
    }
}
