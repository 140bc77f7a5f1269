package io.lingxi.handoff.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.handoff.console.ConsoleHub;
import io.lingxi.handoff.domain.Agent;
import io.lingxi.handoff.domain.AgentPicker;
import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.handoff.domain.QueueMessages;
import io.lingxi.handoff.domain.Ticket;
import io.lingxi.handoff.domain.TranscriptLine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Keeps every conversation's transcript as handoff sees it, from {@code cs.message.understood.v1} (customer lines
 * with intent, entities and sentiment) and {@code cs.reply.v1} (bot, system and agent lines). Lines are keyed by
 * the message's or reply's id and inserted only if absent, so redeliveries add nothing. A customer line of a
 * conversation that waits while nobody can answer is also left on the conversation's ticket.
 */
@ApplicationScoped
public class TranscriptService {

    private final ObjectMapper mapper;
    private final ConsoleHub console;

    public TranscriptService(ObjectMapper mapper, ConsoleHub console) {
        this.mapper = mapper;
        this.console = console;
    }

    public static String messageLineId(String messageId) {
        return "m:" + messageId;
    }

    public static String replyLineId(String replyId) {
        return "r:" + replyId;
    }

    public Uni<Void> understood(MessageUnderstood m) {
        TranscriptLine line = new TranscriptLine();
        line.id = messageLineId(m.messageId());
        line.tenantId = m.tenantId();
        line.conversationId = m.conversationId();
        line.sender = "CUSTOMER";
        line.text = text(m.text(), m.kind(), m.payload());
        line.language = m.language();
        line.intent = m.intent() != null ? m.intent().name() : null;
        line.sentiment = m.sentiment() != null ? m.sentiment().score() : null;
        line.entitiesJson = m.entities() == null || m.entities().isEmpty() ? null : EventJson.write(mapper, m.entities());
        line.at = (m.receivedAt() != null ? m.receivedAt() : Instant.now()).truncatedTo(ChronoUnit.MICROS);
        return store(line, m.messageId());
    }

    public Uni<Void> reply(ReplyCreated r) {
        TranscriptLine line = new TranscriptLine();
        line.id = replyLineId(r.replyId());
        line.tenantId = r.tenantId();
        line.conversationId = r.conversationId();
        line.sender = r.sender() != null ? r.sender().name() : "BOT";
        line.agentId = r.agentId();
        line.text = r.text() == null ? "" : r.text();
        line.language = r.language();
        line.at = (r.createdAt() != null ? r.createdAt() : Instant.now()).truncatedTo(ChronoUnit.MICROS);
        return store(line, null);
    }

    private Uni<Void> store(TranscriptLine line, String messageId) {
        return Panache.withTransaction(() -> insertIfAbsent(line).flatMap(inserted -> inserted == 0
                ? Uni.createFrom().item(false)
                : "CUSTOMER".equals(line.sender) ? leaveOnTicket(line, messageId).replaceWith(true)
                        : Uni.createFrom().item(true)))
                .invoke(inserted -> {
                    if (inserted) {
                        console.line(line);
                    }
                }).replaceWithVoid();
    }

    private static Uni<Integer> insertIfAbsent(TranscriptLine line) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO transcript_line (id, tenant_id, conversation_id, sender, agent_id, text, language, intent,
                                             sentiment, entities_json, at)
                VALUES (:id, :tenant, :conversation, :sender, :agent, :text, :language, :intent, :sentiment,
                        :entities, :at)
                ON CONFLICT (id) DO NOTHING""")
                .setParameter("id", line.id).setParameter("tenant", line.tenantId)
                .setParameter("conversation", line.conversationId).setParameter("sender", line.sender)
                .setParameter("agent", line.agentId).setParameter("text", line.text)
                .setParameter("language", line.language).setParameter("intent", line.intent)
                .setParameter("sentiment", line.sentiment).setParameter("entities", line.entitiesJson)
                .setParameter("at", line.at)
                .executeUpdate());
    }

    /** While the conversation waits and nobody of its group can answer, what the customer writes becomes a ticket. */
    private Uni<Void> leaveOnTicket(TranscriptLine line, String messageId) {
        return QueueEntry.findActive(line.tenantId, line.conversationId).flatMap(entry -> {
            if (entry == null || !QueueEntry.WAITING.equals(entry.status) || line.at.isBefore(entry.requestedAt)
                    || (messageId != null && messageId.equals(entry.messageId))) {
                return Uni.createFrom().voidItem();
            }
            return Agent.listOfTenant(line.tenantId).flatMap(agents -> {
                if (AgentPicker.absence(entry.skillGroup, agents, Instant.now()) == QueueMessages.Absence.NONE) {
                    return Uni.createFrom().voidItem();
                }
                return Ticket.<Ticket>find("tenantId = ?1 and conversationId = ?2 and status <> ?3", line.tenantId,
                        line.conversationId, Ticket.RESOLVED).firstResult().flatMap(ticket -> {
                            Instant now = Instant.now();
                            if (ticket != null) {
                                ticket.text = ticket.text + "\n" + line.text;
                                ticket.updatedAt = now;
                                return Uni.createFrom().voidItem();
                            }
                            Ticket created = new Ticket();
                            created.id = EventIds.random();
                            created.tenantId = line.tenantId;
                            created.conversationId = line.conversationId;
                            created.channelId = entry.channelId;
                            created.customerId = entry.customerId;
                            created.language = entry.language;
                            created.skillGroup = entry.skillGroup;
                            created.text = line.text;
                            created.status = Ticket.OPEN;
                            created.createdAt = now;
                            created.updatedAt = now;
                            Log.infof("Conversation %s of tenant %s left a message: ticket %s", line.conversationId,
                                    line.tenantId, created.id);
                            return created.persist().replaceWithVoid();
                        });
            });
        });
    }

    private static String text(String text, String kind, java.util.Map<String, Object> payload) {
        if (text != null && !text.isBlank()) {
            return text;
        }
        if (kind == null || payload == null) {
            return "";
        }
        return "[" + kind + "] " + payload.values().stream().map(String::valueOf)
                .reduce((a, b) -> a + " " + b).orElse("");
    }
}
