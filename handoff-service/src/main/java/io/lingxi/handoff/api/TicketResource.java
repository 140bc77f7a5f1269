package io.lingxi.handoff.api;

import io.lingxi.handoff.domain.Ticket;
import io.lingxi.handoff.service.TicketDesk;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Messages customers left while nobody could answer: agents claim, answer and resolve them. */
@Path("/api/v1/handoff/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
public class TicketResource {

    private final TicketDesk tickets;
    private final CallerTenant caller;

    public TicketResource(TicketDesk tickets, CallerTenant caller) {
        this.tickets = tickets;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ "agent", "supervisor", "admin" })
    @Operation(summary = "List tickets", description = "status OPEN (default), CLAIMED, RESOLVED or ALL; oldest first.")
    public Uni<Views.TicketList> list(@QueryParam("status") String status) {
        return tickets.list(caller.id(), status == null ? Ticket.OPEN : status)
                .map(list -> new Views.TicketList(list.stream().map(Views.TicketView::of).toList()));
    }

    @POST
    @Path("/{id}/claim")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("agent")
    @Operation(summary = "Claim an open ticket; 409 when another agent has it")
    public Uni<Views.TicketView> claim(@PathParam("id") String id) {
        return tickets.claim(caller.id(), caller.agentId(), id).map(Views.TicketView::of);
    }

    @POST
    @Path("/{id}/reply")
    @RolesAllowed("agent")
    @Operation(summary = "Answer the customer of a claimed ticket", description = "Sent on cs.reply.v1 as AGENT.")
    public Uni<Views.TicketView> reply(@PathParam("id") String id, Views.MessageRequest request) {
        return tickets.reply(caller.id(), caller.agentId(), id, request == null ? null : request.text())
                .map(Views.TicketView::of);
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("agent")
    @Operation(summary = "Resolve a claimed ticket")
    public Uni<Views.TicketView> resolve(@PathParam("id") String id) {
        return tickets.resolve(caller.id(), caller.agentId(), id).map(Views.TicketView::of);
    }

}
