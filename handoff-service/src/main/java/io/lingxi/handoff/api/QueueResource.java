package io.lingxi.handoff.api;

import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.handoff.domain.QueueOrder;
import io.lingxi.handoff.service.QueueService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The handoff queue as agents and supervisors see it. */
@Path("/api/v1/handoff/queue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Handoff queue")
public class QueueResource {

    private final QueueService queues;
    private final CallerTenant tenant;

    public QueueResource(QueueService queues, CallerTenant tenant) {
        this.queues = queues;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({ "agent", "supervisor", "admin" })
    @Operation(summary = "List waiting customers", description = "Every conversation of the caller's tenant that "
            + "waits for a human agent, with its place in its skill group's queue (URGENT before HIGH before NORMAL, "
            + "then first come, first served). Next ones first.")
    @APIResponse(responseCode = "200", description = "The queue")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The token's roles allow no queue access")
    public Uni<QueueView> queue() {
        String tenantId = tenant.id();
        Instant now = Instant.now();
        return queues.waiting(tenantId).map(placed -> new QueueView(placed.stream()
                .map(p -> entry(p, now))
                .toList()));
    }

    static QueueView.Entry entry(QueueOrder.Placed placed, Instant now) {
        QueueEntry e = placed.entry();
        return new QueueView.Entry(e.conversationId, e.channelId, e.reason, e.skillGroup, e.priority.name(),
                e.language, placed.position(), e.requestedAt,
                Math.max(0, Duration.between(e.requestedAt, now).toSeconds()));
    }
}
