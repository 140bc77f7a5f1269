package io.lingxi.handoff.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.HandoffEvent;
import io.lingxi.contracts.events.Sender;
import io.lingxi.handoff.api.ProblemException;
import io.lingxi.handoff.domain.Agent;
import io.lingxi.handoff.domain.AgentPicker;
import io.lingxi.handoff.domain.Assignment;
import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.handoff.domain.QueueMessages;
import io.lingxi.handoff.domain.SkillGroup;
import io.lingxi.handoff.domain.TranscriptLine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What an agent does with a conversation they hold: write, transfer, return to the bot, close. */
@ApplicationScoped
public class ConversationDesk {

    public static final int MAX_TEXT = 4000;
    public static final int MAX_NOTE = 1000;

    private final RoutingService routing;
    private final HandoffOutbox events;

    public ConversationDesk(RoutingService routing, HandoffOutbox events, ObjectMapper mapper) {
        this.routing = routing;
        this.events = events;
    }

    /** Who is calling: an agent (their id), and whether they may act on any conversation of the tenant. */
    public record Caller(String tenantId, String agentId, boolean supervisor) {
    }

    /** The agent's offered and assigned conversations, oldest assignment first. */
    public Uni<List<QueueEntry>> mine(String tenantId, String agentId) {
        return Panache.withSession(() -> QueueEntry.<QueueEntry>list("tenantId = ?1 and agentId = ?2 and status in ?3 "
                + "order by assignedAt nulls last, requestedAt", tenantId, agentId,
                List.of(QueueEntry.OFFERED, QueueEntry.ASSIGNED)));
    }

    public Uni<Long> unread(QueueEntry entry) {
        return Panache.withSession(() -> TranscriptLine.countCustomerLinesAfter(entry.tenantId, entry.conversationId,
                entry.agentReadAt != null ? entry.agentReadAt : entry.assignedAt));
    }

    /**
     * The conversation's handoff (the active one, else the latest) and its whole transcript. Agents see their own
     * conversations and waiting ones; supervisors every one. Reading marks the agent's conversation read.
     */
    public Uni<Detail> detail(Caller caller, String conversationId) {
        return Panache.withTransaction(() -> QueueEntry.<QueueEntry>find("tenantId = ?1 and conversationId = ?2 "
                + "order by requestedAt desc", caller.tenantId(), conversationId).firstResult().flatMap(entry -> {
                    if (entry == null) {
                        throw ProblemException.notFound("No handoff of conversation " + conversationId + ".");
                    }
                    boolean own = caller.agentId() != null && caller.agentId().equals(entry.agentId);
                    if (!own && !caller.supervisor() && !QueueEntry.WAITING.equals(entry.status)) {
                        throw ProblemException.forbidden("This conversation is with another agent.");
                    }
                    if (own && QueueEntry.ASSIGNED.equals(entry.status)) {
                        entry.agentReadAt = RoutingService.now();
                    }
                    return TranscriptLine.ofConversation(caller.tenantId(), conversationId)
                            .map(lines -> new Detail(entry, visible(lines)));
                }));
    }

    /** A handoff with its transcript. */
    public record Detail(QueueEntry entry, List<TranscriptLine> lines) {
    }

    /** Lines copied from the handoff summary are dropped where a live line says the same. */
    static List<TranscriptLine> visible(List<TranscriptLine> lines) {
        List<TranscriptLine> live = lines.stream().filter(l -> !l.id.startsWith(TranscriptLine.SUMMARY_PREFIX))
                .toList();
        List<TranscriptLine> shown = new ArrayList<>();
        for (TranscriptLine line : lines) {
            if (line.id.startsWith(TranscriptLine.SUMMARY_PREFIX) && live.stream()
                    .anyMatch(l -> l.sender.equals(line.sender) && l.text.equals(line.text))) {
                continue;
            }
            shown.add(line);
        }
        return shown;
    }

    /** The agent writes to the customer: {@code cs.reply.v1}, sender AGENT. */
    public Uni<TranscriptLine> send(Caller caller, String conversationId, String text) {
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty() || clean.length() > MAX_TEXT) {
            throw ProblemException.invalid("text must be 1 to " + MAX_TEXT + " characters.");
        }
        Changes changes = new Changes(caller.tenantId());
        return Panache.withTransaction(() -> routing.lockActive(caller.tenantId(), conversationId).flatMap(entry -> {
            requireHolder(caller, entry, false);
            Instant now = RoutingService.now();
            if (entry.firstResponseAt == null) {
                entry.firstResponseAt = now;
            }
            entry.agentReadAt = now;
            HandoffOutbox.Reply reply = events.reply(entry, Sender.AGENT, caller.agentId(), clean, now);
            changes.reply(reply);
            return routing.persist(changes, List.of()).replaceWith(reply.line());
        })).call(() -> routing.settle(changes));
    }

    /** Hands the conversation to another agent (who must be online with room) or to a skill group's queue. */
    public Uni<QueueEntry> transfer(Caller caller, String conversationId, String toAgentId, String toSkillGroup,
            String note) {
        if ((toAgentId == null) == (toSkillGroup == null)) {
            throw ProblemException.invalid("Name either agentId or skillGroup to transfer to.");
        }
        if (note != null && note.length() > MAX_NOTE) {
            throw ProblemException.invalid("note must be at most " + MAX_NOTE + " characters.");
        }
        Changes changes = new Changes(caller.tenantId());
        return Panache.withTransaction(() -> current(caller, conversationId).flatMap(seen -> {
            List<String> lockIds = Stream.of(seen.agentId, toAgentId).filter(id -> id != null).distinct().sorted()
                    .toList();
            return Agent.lock(caller.tenantId(), lockIds).flatMap(agents -> routing.lockActive(caller.tenantId(),
                    conversationId).flatMap(entry -> {
                        requireHolder(caller, entry, true);
                        if (!seen.agentId.equals(entry.agentId)) {
                            throw ProblemException.conflict("The conversation changed hands; reload and retry.");
                        }
                        Instant now = RoutingService.now();
                        if (toAgentId != null) {
                            Agent target = agents.stream().filter(a -> a.id.equals(toAgentId)).findFirst()
                                    .orElseThrow(() -> ProblemException.notFound("No agent " + toAgentId
                                            + " in your tenant."));
                            if (target.id.equals(entry.agentId)) {
                                throw ProblemException.invalid("The conversation is already with this agent.");
                            }
                            if (!AgentPicker.available(target, now)) {
                                throw ProblemException.conflict(target.name + " is not online.");
                            }
                            return routing.requireCapacity(target).flatMap(ignored -> {
                                transferred(entry, target.id, entry.skillGroup, note, changes, now);
                                return Assignment.end(entry.tenantId, entry.conversationId, now, "transferred")
                                        .flatMap(x -> routing.persist(changes,
                                                List.of(routing.assign(entry, target, changes, now))));
                            }).replaceWith(entry);
                        }
                        return SkillGroup.findByCode(caller.tenantId(), toSkillGroup).flatMap(group -> {
                            if (group == null) {
                                throw ProblemException.invalid("No skill group '" + toSkillGroup + "'.");
                            }
                            transferred(entry, null, toSkillGroup, note, changes, now);
                            entry.status = QueueEntry.WAITING;
                            entry.agentId = null;
                            entry.requeued = true;
                            entry.skillGroup = toSkillGroup;
                            entry.toldPosition = 1;
                            changes.reroute = true;
                            return Assignment.end(entry.tenantId, entry.conversationId, now, "transferred")
                                    .flatMap(x -> routing.persist(changes, List.of())).replaceWith(entry);
                        });
                    }));
        })).call(() -> routing.settle(changes));
    }

    private void transferred(QueueEntry entry, String toAgent, String toGroup, String note, Changes changes,
            Instant now) {
        entry.transferNote = note == null || note.isBlank() ? null : note.strip();
        String group = entry.skillGroup;
        entry.skillGroup = toGroup;
        changes.rows.add(events.event(HandoffEvent.Type.TRANSFERRED, entry, null, toAgent, entry.transferNote, true,
                now));
        entry.skillGroup = group;
        changes.reply(events.reply(entry, Sender.SYSTEM, null, QueueMessages.transferred(entry.language), now));
        Log.infof("Conversation %s transferred from agent %s to %s", entry.conversationId, entry.agentId,
                toAgent != null ? "agent " + toAgent : "group " + toGroup);
    }

    /** Gives the conversation back to the bot (dialogue says so to the customer). */
    public Uni<QueueEntry> returnToBot(Caller caller, String conversationId, String note) {
        return finish(caller, conversationId, note, QueueEntry.RETURNED, HandoffEvent.Type.RETURNED_TO_BOT, "returned");
    }

    /** Ends the conversation (dialogue then sends the satisfaction survey). */
    public Uni<QueueEntry> close(Caller caller, String conversationId, String note) {
        return finish(caller, conversationId, note, QueueEntry.CLOSED, HandoffEvent.Type.CLOSED, "closed");
    }

    private Uni<QueueEntry> finish(Caller caller, String conversationId, String note, String status,
            HandoffEvent.Type type, String reason) {
        if (note != null && note.length() > MAX_NOTE) {
            throw ProblemException.invalid("note must be at most " + MAX_NOTE + " characters.");
        }
        Changes changes = new Changes(caller.tenantId());
        return Panache.withTransaction(() -> current(caller, conversationId).flatMap(seen -> (seen.agentId == null
                ? Uni.createFrom().item(List.<Agent>of()) : Agent.lock(caller.tenantId(), List.of(seen.agentId)))
                .flatMap(locked -> routing.lockActive(caller.tenantId(), conversationId)).flatMap(entry -> {
                    requireHolder(caller, entry, true);
                    Instant now = RoutingService.now();
                    changes.rows.add(events.event(type, entry, null, entry.agentId, note, true, now));
                    entry.status = status;
                    entry.closedAt = now;
                    changes.reroute = true;
                    Log.infof("Conversation %s of tenant %s %s by %s", conversationId, caller.tenantId(), reason,
                            caller.agentId());
                    return Assignment.end(entry.tenantId, entry.conversationId, now, reason)
                            .flatMap(x -> routing.persist(changes, List.of())).replaceWith(entry);
                }))).call(() -> routing.settle(changes));
    }

    /** The active entry, read without locks, to learn whom to lock. */
    private static Uni<QueueEntry> current(Caller caller, String conversationId) {
        return QueueEntry.findActive(caller.tenantId(), conversationId).map(entry -> {
            if (entry == null) {
                throw ProblemException.notFound("Conversation " + conversationId + " is not with an agent.");
            }
            return entry;
        });
    }

    /** Agents act on conversations assigned to them; supervisors (when allowed) on any assigned one. */
    private static void requireHolder(Caller caller, QueueEntry entry, boolean supervisorMay) {
        if (!QueueEntry.ASSIGNED.equals(entry.status)) {
            throw ProblemException.conflict("Accept the conversation first.");
        }
        boolean own = caller.agentId() != null && caller.agentId().equals(entry.agentId);
        if (!own && !(supervisorMay && caller.supervisor())) {
            throw ProblemException.forbidden("This conversation is with another agent.");
        }
    }
}
