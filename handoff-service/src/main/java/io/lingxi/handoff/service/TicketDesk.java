package io.lingxi.handoff.service;

import io.lingxi.contracts.events.Sender;
import io.lingxi.handoff.api.ProblemException;
import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.handoff.domain.Ticket;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Tickets: what customers left while nobody could answer. */
@ApplicationScoped
public class TicketDesk {

    private final RoutingService routing;
    private final HandoffOutbox events;

    public TicketDesk(RoutingService routing, HandoffOutbox events) {
        this.routing = routing;
        this.events = events;
    }

    public Uni<List<Ticket>> list(String tenantId, String status) {
        String s = status.strip().toUpperCase(Locale.ROOT);
        if (!List.of("ALL", Ticket.OPEN, Ticket.CLAIMED, Ticket.RESOLVED).contains(s)) {
            throw ProblemException.invalid("status must be OPEN, CLAIMED, RESOLVED or ALL.");
        }
        return Panache.withSession(() -> "ALL".equals(s)
                ? Ticket.<Ticket>list("tenantId = ?1 order by createdAt", tenantId)
                : Ticket.<Ticket>list("tenantId = ?1 and status = ?2 order by createdAt", tenantId, s));
    }

    public Uni<Ticket> claim(String tenantId, String agentId, String id) {
        return Panache.withTransaction(() -> locked(tenantId, id).map(ticket -> {
            if (Ticket.CLAIMED.equals(ticket.status) && agentId.equals(ticket.agentId)) {
                return ticket;
            }
            if (!Ticket.OPEN.equals(ticket.status)) {
                throw ProblemException.conflict("This ticket is already " + ticket.status.toLowerCase(Locale.ROOT)
                        + ".");
            }
            ticket.status = Ticket.CLAIMED;
            ticket.agentId = agentId;
            ticket.updatedAt = Instant.now();
            return ticket;
        }));
    }

    public Uni<Ticket> reply(String tenantId, String agentId, String id, String text) {
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty() || clean.length() > ConversationDesk.MAX_TEXT) {
            throw ProblemException.invalid("text must be 1 to " + ConversationDesk.MAX_TEXT + " characters.");
        }
        Changes changes = new Changes(tenantId);
        return Panache.withTransaction(() -> claimed(tenantId, agentId, id).flatMap(ticket -> {
            QueueEntry addressee = new QueueEntry();
            addressee.tenantId = ticket.tenantId;
            addressee.channelId = ticket.channelId;
            addressee.conversationId = ticket.conversationId;
            addressee.customerId = ticket.customerId;
            addressee.language = ticket.language;
            changes.reply(events.reply(addressee, Sender.AGENT, agentId, clean, RoutingService.now()));
            ticket.updatedAt = Instant.now();
            return routing.persist(changes, List.of()).replaceWith(ticket);
        })).call(() -> routing.settle(changes));
    }

    public Uni<Ticket> resolve(String tenantId, String agentId, String id) {
        return Panache.withTransaction(() -> claimed(tenantId, agentId, id).invoke(ticket -> {
            ticket.status = Ticket.RESOLVED;
            ticket.updatedAt = Instant.now();
        }));
    }

    private static Uni<Ticket> claimed(String tenantId, String agentId, String id) {
        return locked(tenantId, id).map(ticket -> {
            if (!Ticket.CLAIMED.equals(ticket.status) || !agentId.equals(ticket.agentId)) {
                throw ProblemException.conflict("Claim the ticket first.");
            }
            return ticket;
        });
    }

    private static Uni<Ticket> locked(String tenantId, String id) {
        return Ticket.<Ticket>findById(id, LockModeType.PESSIMISTIC_WRITE).map(ticket -> {
            if (ticket == null || !ticket.tenantId.equals(tenantId)) {
                throw ProblemException.notFound("No ticket " + id + " in your tenant.");
            }
            return ticket;
        });
    }
}
