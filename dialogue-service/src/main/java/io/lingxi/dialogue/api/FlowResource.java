package io.lingxi.dialogue.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.dialogue.flow.FlowCatalog;
import io.lingxi.dialogue.flow.FlowSet;
import io.lingxi.dialogue.flow.FlowValidator;
import io.lingxi.dialogue.flow.FlowVersion;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** A tenant's dialogue flows: read the active set, upload a new version (validated first). */
@Path("/api/v1/dialogue/flows")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Flows")
public class FlowResource {

    /** The active flows; {@code version} 0 means the defaults shipped with Lingxi. */
    public record ActiveFlowsView(int version, String source, FlowSet flows) {
    }

    /** The version an accepted upload became. */
    public record Uploaded(int version) {
    }

    private final FlowCatalog catalog;
    private final JsonWebToken caller;
    private final ObjectMapper mapper;
    private final FlowValidator validator = new FlowValidator();

    public FlowResource(FlowCatalog catalog, JsonWebToken caller, ObjectMapper mapper) {
        this.catalog = catalog;
        this.caller = caller;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "The tenant's active flows")
    public Uni<ActiveFlowsView> active() {
        String tenant = tenant();
        catalog.invalidate(tenant);
        return catalog.forTenant(tenant).map(active -> new ActiveFlowsView(active.version(),
                active.version() == 0 ? "default" : "uploaded", active.flows()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a new version of the tenant's flows",
            description = "Validated first: an invalid set is rejected with every problem listed and the active "
                    + "version stays in service.")
    public Uni<RestResponse<Uploaded>> upload(JsonNode body) {
        String tenant = tenant();
        FlowSet set;
        try {
            set = body == null ? null : mapper.treeToValue(body, FlowSet.class);
        } catch (Exception e) {
            throw invalid(List.of("the body is not a flow set: " + e.getMessage().lines().findFirst().orElse("")));
        }
        List<String> errors = validator.validate(set);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        String definition = EventJson.write(mapper, set);
        return Panache.withTransaction(() -> FlowVersion.latest(tenant).flatMap(latest -> {
            FlowVersion version = new FlowVersion();
            version.tenantId = tenant;
            version.version = latest == null ? 1 : latest.version + 1;
            version.definition = definition;
            version.createdAt = Instant.now();
            version.createdBy = caller.getName();
            return version.persist().replaceWith(version);
        })).invoke(() -> catalog.invalidate(tenant))
                .map(version -> RestResponse.status(RestResponse.Status.CREATED, new Uploaded(version.version)));
    }

    private String tenant() {
        String tenant = caller.getClaim("tenant");
        if (tenant == null || tenant.isBlank()) {
            throw new ProblemException(403, "Forbidden", "The token names no tenant.");
        }
        return tenant;
    }

    private static ProblemException invalid(List<String> errors) {
        return new FlowRejected(errors);
    }

    /** An upload that fails validation; the mapper lists every problem. */
    public static final class FlowRejected extends ProblemException {

        private final List<String> errors;

        FlowRejected(List<String> errors) {
            super(400, "Invalid flows", "The flows were not accepted; the active version is unchanged. See errors.");
            this.errors = errors;
        }

        public List<String> errors() {
            return errors;
        }
    }
}
