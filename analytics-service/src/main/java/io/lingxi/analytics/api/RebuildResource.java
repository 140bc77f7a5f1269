package io.lingxi.analytics.api;

import io.lingxi.analytics.service.RebuildService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Rebuilding the aggregates from the topics: an operation for administrators. */
@Path("/api/v1/analytics/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics administration")
@RolesAllowed("admin")
public class RebuildResource {

    private final RebuildService rebuilds;

    public RebuildResource(RebuildService rebuilds) {
        this.rebuilds = rebuilds;
    }

    @POST
    @Operation(summary = "Rebuild the aggregates", description = "Replays every consumed topic from the beginning into "
            + "fresh tables and swaps them in; answers 202 at once, follow it with GET. 409 while one runs.")
    public RestResponse<RebuildService.Status> start() {
        return rebuilds.start().map(status -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, status)
                .build()).orElseThrow(() -> ProblemException.conflict("A rebuild is already running; follow it with GET."));
    }

    @GET
    @Operation(summary = "The last rebuild", description = "IDLE, RUNNING (with records replayed so far), DONE or FAILED.")
    public RebuildService.Status status() {
        return rebuilds.status();
    }
}
