package io.lingxi.handoff.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A human agent of one tenant. Every change of who holds which conversation locks the agent's row first, so the
 * agent's load counted under that lock is exact and capacity can never be exceeded.
 */
@Entity
@Table(name = "agent")
public class Agent extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String username;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    /** Skill group codes, comma-separated. */
    @Column(name = "skill_groups", nullable = false)
    public String skillGroups;

    /** Language codes the agent serves (zh, en), comma-separated. */
    @Column(nullable = false)
    public String languages;

    @Column(name = "max_concurrent", nullable = false)
    public int maxConcurrent;

    /** Supervisors also get role {@code supervisor} at login: every queue and every agent's load. */
    @Column(nullable = false)
    public boolean supervisor;

    /** {@code HH:mm-HH:mm} in {@link #timeZone}, every day; null means any time. */
    @Column(name = "working_hours")
    public String workingHours;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String status;

    @Column(name = "status_changed_at", nullable = false)
    public Instant statusChangedAt;

    /** When the agent's last console connection closed; null while connected or never connected. */
    @Column(name = "disconnected_at")
    public Instant disconnectedAt;

    /** When the agent last got a conversation; routing prefers the longest idle. */
    @Column(name = "last_assigned_at")
    public Instant lastAssignedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public List<String> skillGroupList() {
        return split(skillGroups);
    }

    public List<String> languageList() {
        return split(languages);
    }

    public boolean serves(String skillGroup) {
        return skillGroupList().contains(skillGroup);
    }

    public static String join(List<String> values) {
        return values == null ? "" : String.join(",", values.stream().map(String::strip).filter(v -> !v.isEmpty())
                .distinct().toList());
    }

    static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of()
                : Arrays.stream(joined.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    public static Uni<Agent> findByUsername(String tenantId, String username) {
        return find("tenantId = ?1 and username = ?2", tenantId, username).firstResult();
    }

    public static Uni<List<Agent>> listOfTenant(String tenantId) {
        return list("tenantId = ?1 order by name, id", tenantId);
    }

    /** Locks every agent of the tenant, in id order (the order every locking path uses, so none deadlock). */
    public static Uni<List<Agent>> lockAll(String tenantId) {
        return find("tenantId = ?1 order by id", tenantId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Locks the given agents of the tenant, in id order. */
    public static Uni<List<Agent>> lock(String tenantId, List<String> ids) {
        return find("tenantId = ?1 and id in ?2 order by id", tenantId, ids)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
