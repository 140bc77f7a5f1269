package io.lingxi.handoff.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A skill group of a tenant (售前, 售后, 投诉, VIP …); each has its own queue. */
@Entity
@Table(name = "skill_group")
public class SkillGroup extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** What handoff requests name as their {@code skillGroup}, e.g. {@code after_sales}. */
    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Uni<List<SkillGroup>> listOfTenant(String tenantId) {
        return list("tenantId = ?1 order by code", tenantId);
    }

    public static Uni<SkillGroup> findByCode(String tenantId, String code) {
        return find("tenantId = ?1 and code = ?2", tenantId, code).firstResult();
    }
}
