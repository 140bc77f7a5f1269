package io.lingxi.handoff.service;

import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.events.HandoffEvent;
import io.lingxi.contracts.events.Sender;
import io.lingxi.handoff.api.ProblemException;
import io.lingxi.handoff.config.HandoffConfig;
import io.lingxi.handoff.console.ConsoleHub;
import io.lingxi.handoff.domain.Agent;
import io.lingxi.handoff.domain.AgentPicker;
import io.lingxi.handoff.domain.AgentStatus;
import io.lingxi.handoff.domain.Assignment;
import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.handoff.domain.QueueMessages;
import io.lingxi.handoff.domain.QueueOrder;
import io.lingxi.handoff.messaging.OutboxPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Moves waiting conversations to agents. Every path that gives an agent a conversation locks the agent's row
 * first (agents in id order, then queue entries), counts the agent's load under that lock and writes the state
 * change with its events in one transaction: no conversation gets two agents, no agent exceeds capacity, even when
 * accepts, routing and status changes race.
 */
@ApplicationScoped
public class RoutingService {

    private final HandoffConfig config;
    private final HandoffOutbox events;
    private final OutboxPublisher outbox;
    private final ConsoleHub console;

    public RoutingService(HandoffConfig config, HandoffOutbox events, OutboxPublisher outbox, ConsoleHub console) {
        this.config = config;
        this.events = events;
        this.outbox = outbox;
        this.console = console;
    }

    // ------------------------------------------------------------------------------------------ automatic routing

    /** Routes the tenant's waiting conversations to available agents, then sends what that decided. */
    public Uni<Void> dispatch(String tenantId) {
        return Panache.withTransaction(() -> route(tenantId)).flatMap(this::settle);
    }

    private Uni<Changes> route(String tenantId) {
        Changes changes = new Changes(tenantId);
        return Agent.lockAll(tenantId).flatMap(agents -> QueueEntry.listActive(tenantId).flatMap(active -> {
            // taken under the locks, so that assignment times order like the assignments themselves
            Instant now = now();
            Map<String, Integer> load = load(active);
            Map<String, List<QueueEntry>> queues = active.stream().filter(e -> QueueEntry.WAITING.equals(e.status))
                    .sorted(QueueOrder.ENTRIES)
                    .collect(Collectors.groupingBy(e -> e.skillGroup, java.util.LinkedHashMap::new, Collectors.toList()));
            List<Assignment> assignments = new ArrayList<>();
            boolean offers = config.routing().offers(tenantId);
            for (List<QueueEntry> queue : queues.values()) {
                for (QueueEntry entry : queue) {
                    Optional<Agent> agent = AgentPicker.pick(entry, agents, load, now);
                    if (agent.isEmpty() && offers && offerRoundOver(entry, now)) {
                        agent = newOfferRound(entry, agents, load, now);
                    }
                    if (agent.isEmpty()) {
                        continue;
                    }
                    load.merge(agent.get().id, 1, Integer::sum);
                    if (offers) {
                        offer(entry, agent.get(), changes, now);
                    } else {
                        assignments.add(assign(entry, agent.get(), changes, now));
                    }
                }
                tellPositions(queue, agents, changes, now);
            }
            return persist(changes, assignments);
        }));
    }

    /**
     * Every agent who could take the conversation declined it or let the offer expire, and one more offer timeout has
     * passed since the last offer ended: a new round of offers starts, so that the conversation does not wait forever.
     */
    private boolean offerRoundOver(QueueEntry entry, Instant now) {
        return entry.declinedBy != null && !entry.declinedBy.isBlank() && entry.offerExpiresAt != null
                && !now.isBefore(entry.offerExpiresAt.plus(config.routing().offerTimeout()));
    }

    private static Optional<Agent> newOfferRound(QueueEntry entry, List<Agent> agents, Map<String, Integer> load,
            Instant now) {
        String declined = entry.declinedBy;
        entry.declinedBy = "";
        Optional<Agent> agent = AgentPicker.pick(entry, agents, load, now);
        if (agent.isEmpty()) {
            entry.declinedBy = declined;
        } else {
            Log.infof("Conversation %s: every agent declined or missed the offer; offering again", entry.conversationId);
        }
        return agent;
    }

    /** Customers still waiting who moved up hear their new place and estimated wait. */
    private void tellPositions(List<QueueEntry> queue, List<Agent> agents, Changes changes, Instant now) {
        List<QueueEntry> waiting = queue.stream().filter(e -> QueueEntry.WAITING.equals(e.status)).toList();
        for (int i = 0; i < waiting.size(); i++) {
            QueueEntry entry = waiting.get(i);
            int position = i + 1;
            if (entry.toldPosition != null && position < entry.toldPosition) {
                changes.reply(events.reply(entry, Sender.SYSTEM, null, QueueMessages.moved(entry.language,
                        position - 1, estimatedMinutes(position, entry.skillGroup, agents, now)), now));
            }
            if (entry.toldPosition == null || position < entry.toldPosition) {
                entry.toldPosition = position;
            }
        }
    }

    /** The customer's estimated wait at {@code position}: average handle time × position ÷ available agents. */
    public int estimatedMinutes(int position, String skillGroup, List<Agent> agents, Instant now) {
        long available = agents.stream().filter(a -> a.serves(skillGroup) && AgentPicker.available(a, now)).count();
        double minutes = config.routing().averageHandleTime().toSeconds() / 60.0 * position / Math.max(1, available);
        return (int) Math.max(1, Math.ceil(minutes));
    }

    Assignment assign(QueueEntry entry, Agent agent, Changes changes, Instant now) {
        entry.status = QueueEntry.ASSIGNED;
        entry.agentId = agent.id;
        entry.assignedAt = now;
        entry.firstResponseAt = null;
        entry.offerExpiresAt = null;
        entry.declinedBy = "";
        entry.agentReadAt = null;
        entry.requeued = false;
        agent.lastAssignedAt = now;
        Assignment assignment = new Assignment();
        assignment.id = EventIds.random();
        assignment.tenantId = entry.tenantId;
        assignment.queueEntryId = entry.id;
        assignment.conversationId = entry.conversationId;
        assignment.agentId = agent.id;
        assignment.assignedAt = now;
        changes.rows.add(events.event(HandoffEvent.Type.AGENT_ASSIGNED, entry, null, agent.id, entry.transferNote,
                false, now));
        changes.reply(events.reply(entry, Sender.SYSTEM, null, QueueMessages.agentJoined(entry.language, agent.name),
                now));
        Log.infof("Conversation %s of tenant %s assigned to agent %s", entry.conversationId, entry.tenantId, agent.id);
        return assignment;
    }

    private void offer(QueueEntry entry, Agent agent, Changes changes, Instant now) {
        entry.status = QueueEntry.OFFERED;
        entry.agentId = agent.id;
        entry.offerExpiresAt = now.plus(config.routing().offerTimeout());
        changes.rows.add(events.event(HandoffEvent.Type.OFFERED, entry, null, agent.id, null, false, now));
    }

    // ---------------------------------------------------------------------------------------------- agent pulls

    /**
     * The agent takes the conversation: one offered to them, or one waiting in a group they serve (supervisors: any
     * group). Accepting one's own conversation again changes nothing.
     */
    public Uni<QueueEntry> accept(String tenantId, String agentId, String conversationId) {
        Changes changes = new Changes(tenantId);
        return Panache.withTransaction(() -> lockAgent(tenantId, agentId).flatMap(agent -> lockActive(tenantId,
                conversationId).flatMap(entry -> {
                    Instant now = now();
                    if (QueueEntry.ASSIGNED.equals(entry.status) && agentId.equals(entry.agentId)) {
                        return Uni.createFrom().item(entry);
                    }
                    if (QueueEntry.OFFERED.equals(entry.status) && agentId.equals(entry.agentId)) {
                        return persist(changes, List.of(assign(entry, agent, changes, now))).replaceWith(entry);
                    }
                    if (!QueueEntry.WAITING.equals(entry.status)) {
                        throw ProblemException.conflict("Another agent has already taken this conversation.");
                    }
                    if (!agent.supervisor && !agent.serves(entry.skillGroup)) {
                        throw ProblemException.forbidden("This conversation waits in skill group '" + entry.skillGroup
                                + "', which you do not serve.");
                    }
                    return requireCapacity(agent).flatMap(ignored -> persist(changes,
                            List.of(assign(entry, agent, changes, now)))).replaceWith(entry);
                }))).call(() -> settle(changes));
    }

    /** The agent takes the next waiting conversation of their groups in their languages; null when there is none. */
    public Uni<QueueEntry> acceptNext(String tenantId, String agentId) {
        Changes changes = new Changes(tenantId);
        return Panache.withTransaction(() -> lockAgent(tenantId, agentId).flatMap(agent -> requireCapacity(agent)
                .flatMap(ignored -> QueueEntry.listWaiting(tenantId)).flatMap(waiting -> {
                    Instant now = now();
                    List<QueueEntry> mine = waiting.stream()
                            .filter(e -> agent.serves(e.skillGroup) && AgentPicker.speaks(agent, e.language))
                            .sorted(QueueOrder.ENTRIES).toList();
                    return takeFirst(mine, 0, agent, changes, now);
                }))).call(entry -> entry == null ? Uni.createFrom().voidItem() : settle(changes));
    }

    private Uni<QueueEntry> takeFirst(List<QueueEntry> candidates, int index, Agent agent, Changes changes,
            Instant now) {
        if (index >= candidates.size()) {
            return Uni.createFrom().nullItem();
        }
        // The candidate was read without a lock: lock its row and reload it (another agent may have taken it since);
        // a lock on the stale copy would fail on its version instead of showing who won.
        QueueEntry candidate = candidates.get(index);
        return Panache.getSession().flatMap(session -> session.refresh(candidate, LockModeType.PESSIMISTIC_WRITE))
                .flatMap(ignored -> QueueEntry.WAITING.equals(candidate.status)
                        ? persist(changes, List.of(assign(candidate, agent, changes, now))).replaceWith(candidate)
                        : takeFirst(candidates, index + 1, agent, changes, now));
    }

    /** The agent turns an offer down; it goes to the next agent. */
    public Uni<Void> decline(String tenantId, String agentId, String conversationId) {
        Changes changes = new Changes(tenantId);
        return Panache.withTransaction(() -> lockAgent(tenantId, agentId).flatMap(agent -> lockActive(tenantId,
                conversationId).map(entry -> {
                    if (!QueueEntry.OFFERED.equals(entry.status) || !agentId.equals(entry.agentId)) {
                        throw ProblemException.conflict("This conversation is not offered to you.");
                    }
                    backToQueue(entry, now());
                    changes.reroute = true;
                    return entry;
                }))).replaceWith(changes).flatMap(this::settle);
    }

    /**
     * The offer ended without an accept: the agent is passed over until every other agent had their turn. While the
     * entry waits, {@code offerExpiresAt} keeps when its last offer ended, which times the next round of offers.
     */
    private static void backToQueue(QueueEntry entry, Instant now) {
        entry.declinedBy = Agent.join(concat(Agent.join(List.of(entry.declinedBy)), entry.agentId));
        entry.status = QueueEntry.WAITING;
        entry.agentId = null;
        entry.offerExpiresAt = now;
    }

    private static List<String> concat(String joined, String id) {
        List<String> all = new ArrayList<>(List.of(joined.isEmpty() ? new String[0] : joined.split(",")));
        all.add(id);
        return all;
    }

    // ---------------------------------------------------------------------------------------- periodic repairs

    @Scheduled(every = "${lingxi.handoff.routing.sweep-every:2s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return expireOffers().chain(this::requeueAbsentAgents).chain(this::dispatchWaiting)
                .onFailure().invoke(e -> Log.warnf("Routing sweep failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    Uni<Void> expireOffers() {
        Instant now = now();
        return Panache.withSession(() -> QueueEntry.<QueueEntry>list("status = ?1 and offerExpiresAt < ?2",
                QueueEntry.OFFERED, now)).flatMap(expired -> each(expired.stream().map(e -> e.tenantId).distinct()
                        .toList(), tenantId -> Panache.withTransaction(() -> Agent.lockAll(tenantId)
                                .flatMap(agents -> QueueEntry.<QueueEntry>list("tenantId = ?1 and status = ?2 and "
                                        + "offerExpiresAt < ?3", tenantId, QueueEntry.OFFERED, now))
                                .invoke(entries -> entries.forEach(e -> {
                                    Log.infof("Offer of conversation %s to agent %s expired", e.conversationId,
                                            e.agentId);
                                    backToQueue(e, now);
                                })).replaceWithVoid())));
    }

    /** Conversations of agents offline or disconnected for longer than the grace period go back to the front. */
    Uni<Void> requeueAbsentAgents() {
        Instant cutoff = now().minus(config.routing().gracePeriod());
        return Panache.withSession(() -> Agent.<Agent>list("(status = ?1 and statusChangedAt < ?2) or "
                + "(disconnectedAt is not null and disconnectedAt < ?2)", AgentStatus.OFFLINE.name(), cutoff))
                .flatMap(absent -> each(absent, a -> requeueAgent(a.tenantId, a.id, cutoff)));
    }

    private Uni<Void> requeueAgent(String tenantId, String agentId, Instant cutoff) {
        Changes changes = new Changes(tenantId);
        return Panache.withTransaction(() -> Agent.lock(tenantId, List.of(agentId)).flatMap(locked -> {
            Instant now = now();
            if (locked.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Agent agent = locked.get(0);
            boolean offline = AgentStatus.OFFLINE.name().equals(agent.status) && agent.statusChangedAt.isBefore(cutoff);
            boolean gone = agent.disconnectedAt != null && agent.disconnectedAt.isBefore(cutoff);
            if (!offline && !gone) {
                return Uni.createFrom().voidItem();
            }
            if (gone) {
                agent.status = AgentStatus.OFFLINE.name();
                agent.statusChangedAt = now;
                agent.disconnectedAt = null;
            }
            return QueueEntry.<QueueEntry>find("tenantId = ?1 and agentId = ?2 and status in ?3", tenantId, agentId,
                    List.of(QueueEntry.OFFERED, QueueEntry.ASSIGNED)).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                    .flatMap(entries -> {
                        if (entries.isEmpty()) {
                            return Uni.createFrom().voidItem();
                        }
                        for (QueueEntry entry : entries) {
                            boolean wasAssigned = QueueEntry.ASSIGNED.equals(entry.status);
                            if (wasAssigned) {
                                // back to the group's queue: a transfer away from the absent agent (not a new
                                // QUEUED, which analytics counts as a new handoff)
                                changes.rows.add(events.event(HandoffEvent.Type.TRANSFERRED, entry, null, null,
                                        "agent_absent", true, now));
                                changes.reply(events.reply(entry, Sender.SYSTEM, null,
                                        QueueMessages.requeued(entry.language), now));
                            }
                            entry.status = QueueEntry.WAITING;
                            entry.agentId = null;
                            entry.offerExpiresAt = null;
                            entry.requeued = true;
                            entry.toldPosition = 1;
                            Log.infof("Agent %s is away too long: conversation %s goes back to the front of %s",
                                    agentId, entry.conversationId, entry.skillGroup);
                        }
                        changes.reroute = true;
                        return Assignment.update("endedAt = ?1, endReason = ?2 where tenantId = ?3 and "
                                        + "agentId = ?4 and endedAt is null", now, "agent_absent", tenantId, agentId)
                                .chain(() -> persist(changes, List.of())).replaceWithVoid();
                    });
        })).chain(() -> settle(changes));
    }

    private Uni<Void> dispatchWaiting() {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createQuery(
                "select distinct e.tenantId from QueueEntry e where e.status = :status", String.class)
                .setParameter("status", QueueEntry.WAITING).getResultList()))
                .flatMap(tenants -> each(tenants, this::dispatch));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Sends what a committed transaction decided, tells the tenant's consoles, and routes again if asked. */
    public Uni<Void> settle(Changes changes) {
        return outbox.publish(changes.rows)
                .onFailure().invoke(e -> Log.warnf("Handoff events of tenant %s wait for the outbox sweeper: %s",
                        changes.tenantId, e.getMessage()))
                .onFailure().recoverWithNull()
                .invoke(() -> {
                    console.changed(changes.tenantId);
                    changes.lines.forEach(console::line);
                })
                .chain(() -> changes.reroute ? dispatch(changes.tenantId) : Uni.createFrom().voidItem());
    }

    /** Persists the changes' outbox rows and transcript lines and the given assignments. */
    Uni<Changes> persist(Changes changes, List<Assignment> assignments) {
        List<PanacheEntityBase> rows = new ArrayList<>(assignments);
        rows.addAll(changes.rows);
        rows.addAll(changes.lines);
        return (rows.isEmpty() ? Uni.createFrom().voidItem() : PanacheEntityBase.persist(rows)).replaceWith(changes);
    }

    Uni<Agent> lockAgent(String tenantId, String agentId) {
        return Agent.lock(tenantId, List.of(agentId)).map(agents -> {
            if (agents.isEmpty()) {
                throw ProblemException.notFound("No agent " + agentId + " in your tenant.");
            }
            return agents.get(0);
        });
    }

    Uni<QueueEntry> lockActive(String tenantId, String conversationId) {
        return QueueEntry.<QueueEntry>find("tenantId = ?1 and conversationId = ?2 and status in ?3", tenantId,
                conversationId, List.of(QueueEntry.WAITING, QueueEntry.OFFERED, QueueEntry.ASSIGNED))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().map(entry -> {
                    if (entry == null) {
                        throw ProblemException.notFound("Conversation " + conversationId
                                + " is not waiting for or with an agent.");
                    }
                    return entry;
                });
    }

    /**
     * Fails with 409 unless the agent (locked) is online or away (away: no automatic routing, but the agent may
     * pick conversations themselves) and has free capacity.
     */
    Uni<Void> requireCapacity(Agent agent) {
        if (AgentStatus.OFFLINE.name().equals(agent.status)) {
            return Uni.createFrom().failure(ProblemException.conflict(
                    "Set your status to online or away to take conversations."));
        }
        return QueueEntry.count("agentId = ?1 and status in ?2", agent.id,
                List.of(QueueEntry.OFFERED, QueueEntry.ASSIGNED)).map(load -> {
                    if (load >= agent.maxConcurrent) {
                        throw ProblemException.conflict("You already have " + load + " conversations, your maximum.");
                    }
                    return null;
                });
    }

    static Map<String, Integer> load(List<QueueEntry> active) {
        Map<String, Integer> load = new HashMap<>();
        active.stream().filter(e -> e.agentId != null && !QueueEntry.WAITING.equals(e.status))
                .forEach(e -> load.merge(e.agentId, 1, Integer::sum));
        return load;
    }

    static <T> Uni<Void> each(List<T> items, java.util.function.Function<T, Uni<Void>> action) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> action.apply(item)
                        .onFailure().invoke(e -> Log.warnf("Routing step failed for %s: %s", item, e.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static final Comparator<Agent> BY_ID = Comparator.comparing(a -> a.id);
}
