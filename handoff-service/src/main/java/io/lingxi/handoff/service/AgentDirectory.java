package io.lingxi.handoff.service;

import io.lingxi.contracts.EventIds;
import io.lingxi.handoff.api.ProblemException;
import io.lingxi.handoff.config.HandoffConfig;
import io.lingxi.handoff.domain.Agent;
import io.lingxi.handoff.domain.AgentStatus;
import io.lingxi.handoff.domain.PasswordHash;
import io.lingxi.handoff.domain.SkillGroup;
import io.lingxi.handoff.domain.WorkingHours;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/** Agents and skill groups of a tenant: managed by its admins, agents log in and set their status. */
@ApplicationScoped
public class AgentDirectory {

    private static final int MAX_CAPACITY = 50;

    private final HandoffConfig config;
    private final RoutingService routing;
    private final Vertx vertx;

    public AgentDirectory(HandoffConfig config, RoutingService routing, Vertx vertx) {
        this.config = config;
        this.routing = routing;
        this.vertx = vertx;
    }

    /** What an admin sends to create or change an agent; a null password keeps the current one. */
    public record AgentSpec(String name, String username, String password, List<String> skillGroups,
            List<String> languages, Integer maxConcurrent, String workingHours, String timeZone, Boolean supervisor) {
    }

    public Uni<List<SkillGroup>> groups(String tenantId) {
        return Panache.withSession(() -> SkillGroup.listOfTenant(tenantId));
    }

    public Uni<SkillGroup> createGroup(String tenantId, String code, String name) {
        if (code == null || !code.matches("[A-Za-z0-9_\\-]{1,64}")) {
            throw ProblemException.invalid("code must be 1 to 64 letters, digits, '_' or '-'.");
        }
        if (name == null || name.isBlank() || name.length() > 128) {
            throw ProblemException.invalid("name must be 1 to 128 characters.");
        }
        return Panache.withTransaction(() -> SkillGroup.findByCode(tenantId, code).flatMap(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("Skill group '" + code + "' already exists.");
            }
            SkillGroup group = new SkillGroup();
            group.id = EventIds.random();
            group.tenantId = tenantId;
            group.code = code;
            group.name = name.strip();
            group.createdAt = Instant.now();
            return group.<SkillGroup>persist();
        }));
    }

    public Uni<List<Agent>> agents(String tenantId) {
        return Panache.withSession(() -> Agent.listOfTenant(tenantId));
    }

    public Uni<Agent> agent(String tenantId, String agentId) {
        return Panache.withSession(() -> Agent.<Agent>findById(agentId)).map(agent -> {
            if (agent == null || !agent.tenantId.equals(tenantId)) {
                throw ProblemException.notFound("No agent " + agentId + " in your tenant.");
            }
            return agent;
        });
    }

    public Uni<Agent> create(String tenantId, AgentSpec spec) {
        validate(spec, true);
        return hash(spec.password()).flatMap(hash -> Panache.withTransaction(() -> knownGroups(tenantId, spec)
                .chain(() -> Agent.findByUsername(tenantId, spec.username())).flatMap(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("Username '" + spec.username() + "' is taken in your tenant.");
                    }
                    Agent agent = new Agent();
                    agent.id = EventIds.random();
                    agent.tenantId = tenantId;
                    agent.username = spec.username();
                    agent.passwordHash = hash;
                    agent.status = AgentStatus.OFFLINE.name();
                    agent.statusChangedAt = Instant.now();
                    agent.createdAt = agent.statusChangedAt;
                    apply(agent, spec);
                    return agent.<Agent>persist();
                })));
    }

    public Uni<Agent> update(String tenantId, String agentId, AgentSpec spec) {
        validate(spec, false);
        Uni<String> hash = spec.password() == null ? Uni.createFrom().nullItem() : hash(spec.password());
        return hash.flatMap(newHash -> Panache.withTransaction(() -> knownGroups(tenantId, spec)
                .chain(() -> routing.lockAgent(tenantId, agentId)).flatMap(agent -> {
                    if (!agent.username.equals(spec.username())) {
                        return Agent.findByUsername(tenantId, spec.username()).map(other -> {
                            if (other != null) {
                                throw ProblemException.conflict("Username '" + spec.username() + "' is taken.");
                            }
                            agent.username = spec.username();
                            return agent;
                        });
                    }
                    return Uni.createFrom().item(agent);
                }).invoke(agent -> {
                    apply(agent, spec);
                    if (newHash != null) {
                        agent.passwordHash = newHash;
                    }
                }))).call(agent -> routing.dispatch(tenantId));
    }

    private static void apply(Agent agent, AgentSpec spec) {
        agent.name = spec.name().strip();
        agent.skillGroups = Agent.join(spec.skillGroups());
        agent.languages = Agent.join(spec.languages() == null ? List.of("zh") : spec.languages());
        agent.maxConcurrent = spec.maxConcurrent() == null ? 3 : spec.maxConcurrent();
        agent.workingHours = spec.workingHours() == null || spec.workingHours().isBlank() ? null
                : spec.workingHours().strip();
        agent.timeZone = spec.timeZone() == null || spec.timeZone().isBlank() ? "Asia/Shanghai" : spec.timeZone();
        agent.supervisor = Boolean.TRUE.equals(spec.supervisor());
    }

    private static void validate(AgentSpec spec, boolean creating) {
        if (spec == null) {
            throw ProblemException.invalid("Send the agent as JSON.");
        }
        if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 128) {
            throw ProblemException.invalid("name must be 1 to 128 characters.");
        }
        if (spec.username() == null || !spec.username().matches("[A-Za-z0-9._@\\-]{2,64}")) {
            throw ProblemException.invalid("username must be 2 to 64 letters, digits or . _ @ -.");
        }
        if ((creating || spec.password() != null)
                && (spec.password() == null || spec.password().length() < 8 || spec.password().length() > 128)) {
            throw ProblemException.invalid("password must be 8 to 128 characters.");
        }
        if (spec.skillGroups() == null || spec.skillGroups().isEmpty()) {
            throw ProblemException.invalid("skillGroups must name at least one skill group.");
        }
        if (spec.maxConcurrent() != null && (spec.maxConcurrent() < 1 || spec.maxConcurrent() > MAX_CAPACITY)) {
            throw ProblemException.invalid("maxConcurrent must be from 1 to " + MAX_CAPACITY + ".");
        }
        if (!WorkingHours.valid(spec.workingHours())) {
            throw ProblemException.invalid("workingHours must look like 09:00-18:00.");
        }
        if (spec.timeZone() != null && !spec.timeZone().isBlank() && !WorkingHours.validZone(spec.timeZone())) {
            throw ProblemException.invalid("timeZone must be a time zone id such as Asia/Shanghai.");
        }
    }

    /** Every skill group an agent names must exist in the tenant. */
    private static Uni<Void> knownGroups(String tenantId, AgentSpec spec) {
        return SkillGroup.listOfTenant(tenantId).map(groups -> {
            Set<String> known = new HashSet<>(groups.stream().map(g -> g.code).toList());
            List<String> unknown = spec.skillGroups().stream().filter(g -> !known.contains(g)).toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.invalid("Unknown skill groups " + unknown + "; create them first.");
            }
            return null;
        });
    }

    private Uni<String> hash(String password) {
        int iterations = config.auth().passwordIterations();
        return vertx.executeBlocking(Uni.createFrom().item(() -> PasswordHash.hash(password, iterations)));
    }

    // -------------------------------------------------------------------------------------------------- login

    /** A signed access token for an agent. */
    public record Login(String token, Instant expiresAt, Agent agent, List<String> roles) {
    }

    public Uni<Login> login(String tenantId, String username, String password) {
        if (signingKey().isEmpty()) {
            return Uni.createFrom().failure(ProblemException.unavailable("Agent login is not configured on this "
                    + "server: no token signing key (smallrye.jwt.sign.key.location)."));
        }
        if (tenantId == null || tenantId.isBlank() || username == null || password == null) {
            return Uni.createFrom().failure(ProblemException.invalid("Send tenant, username and password."));
        }
        return Panache.withSession(() -> Agent.findByUsername(tenantId, username)).flatMap(agent -> vertx
                .executeBlocking(Uni.createFrom().item(() -> {
                    // compare against a hash even for an unknown user, so timing does not reveal usernames
                    String stored = agent != null ? agent.passwordHash : DUMMY_HASH;
                    if (!PasswordHash.verify(password, stored) || agent == null) {
                        throw ProblemException.unauthorized("Wrong tenant, username or password.");
                    }
                    return sign(agent);
                })));
    }

    private static final String DUMMY_HASH = PasswordHash.hash("not-a-password", 1000);

    private Login sign(Agent agent) {
        List<String> roles = agent.supervisor ? List.of("agent", "supervisor") : List.of("agent");
        Instant expires = Instant.now().plus(config.auth().tokenLifetime());
        String issuer = ConfigProvider.getConfig().getOptionalValue("mp.jwt.verify.issuer", String.class)
                .orElse("https://lingxi.io/auth");
        try {
            String token = Jwt.issuer(issuer)
                    .subject(agent.id)
                    .upn(agent.username + "@" + agent.tenantId)
                    .groups(new HashSet<>(roles))
                    .claim("tenant", agent.tenantId)
                    .claim("name", agent.name)
                    .expiresAt(expires)
                    .sign();
            return new Login(token, expires, agent, roles);
        } catch (RuntimeException e) {
            throw ProblemException.unavailable("Agent login cannot sign tokens: the signing key is unusable.");
        }
    }

    private static Optional<String> signingKey() {
        var cfg = ConfigProvider.getConfig();
        return cfg.getOptionalValue("smallrye.jwt.sign.key.location", String.class).filter(s -> !s.isBlank())
                .or(() -> cfg.getOptionalValue("smallrye.jwt.sign.key", String.class).filter(s -> !s.isBlank()));
    }

    // ------------------------------------------------------------------------------------------------- status

    public Uni<Agent> setStatus(String tenantId, String agentId, AgentStatus status) {
        return Panache.withTransaction(() -> routing.lockAgent(tenantId, agentId).invoke(agent -> {
            if (!agent.status.equals(status.name())) {
                agent.status = status.name();
                agent.statusChangedAt = Instant.now();
            }
            agent.disconnectedAt = null;
        })).call(agent -> {
            Changes changes = new Changes(tenantId);
            changes.reroute = status == AgentStatus.ONLINE;
            return routing.settle(changes);
        });
    }

    /** The agent's console connected (again): any disconnect grace period ends. */
    public Uni<Void> connected(String tenantId, String agentId) {
        return Panache.withTransaction(() -> Agent.update("disconnectedAt = null where tenantId = ?1 and id = ?2",
                tenantId, agentId)).replaceWithVoid();
    }

    /** The agent's last console closed: after the grace period their conversations go back to the queue. */
    public Uni<Void> disconnected(String tenantId, String agentId) {
        return Panache.withTransaction(() -> Agent.update("disconnectedAt = ?1 where tenantId = ?2 and id = ?3",
                Instant.now(), tenantId, agentId)).replaceWithVoid();
    }
}
