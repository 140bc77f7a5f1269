package io.lingxi.handoff.api;

import io.lingxi.handoff.domain.Agent;
import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.handoff.service.AgentDirectory;
import io.lingxi.handoff.service.AgentDirectory.AgentSpec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Skill groups and agents of the caller's tenant: admins manage them, supervisors read them. */
@Path("/api/v1/handoff")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents and skill groups")
public class AdminResource {

    private final AgentDirectory directory;
    private final CallerTenant tenant;

    public AdminResource(AgentDirectory directory, CallerTenant tenant) {
        this.directory = directory;
        this.tenant = tenant;
    }

    @GET
    @Path("/skill-groups")
    @RolesAllowed({ "admin", "supervisor", "agent" })
    @Operation(summary = "List skill groups")
    public Uni<List<Views.SkillGroupView>> groups() {
        return directory.groups(tenant.id()).map(groups -> groups.stream().map(Views.SkillGroupView::of).toList());
    }

    @POST
    @Path("/skill-groups")
    @RolesAllowed("admin")
    @ResponseStatus(201)
    @Operation(summary = "Create a skill group", description = "code is what handoff requests name as skillGroup; "
            + "409 when it exists.")
    public Uni<Views.SkillGroupView> createGroup(Views.SkillGroupRequest request) {
        if (request == null) {
            throw ProblemException.invalid("Send code and name as JSON.");
        }
        return directory.createGroup(tenant.id(), request.code(), request.name()).map(Views.SkillGroupView::of);
    }

    @GET
    @Path("/agents")
    @RolesAllowed({ "admin", "supervisor", "agent" })
    @Operation(summary = "List agents with their status and load")
    public Uni<List<Views.AgentView>> agents() {
        String tenantId = tenant.id();
        return directory.agents(tenantId).flatMap(agents -> loads(tenantId)
                .map(load -> agents.stream().map(a -> Views.AgentView.of(a, load.getOrDefault(a.id, 0))).toList()));
    }

    @GET
    @Path("/agents/{id}")
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "One agent")
    public Uni<Views.AgentView> agent(@PathParam("id") String id) {
        String tenantId = tenant.id();
        return directory.agent(tenantId, id).flatMap(a -> loads(tenantId)
                .map(load -> Views.AgentView.of(a, load.getOrDefault(a.id, 0))));
    }

    @POST
    @Path("/agents")
    @RolesAllowed("admin")
    @ResponseStatus(201)
    @Operation(summary = "Create an agent", description = "name, username, password (8+), skillGroups (existing "
            + "codes), languages (default [zh]), maxConcurrent (default 3), workingHours HH:mm-HH:mm, timeZone, "
            + "supervisor. 409 when the username is taken.")
    public Uni<Views.AgentView> create(AgentSpec spec) {
        return directory.create(tenant.id(), spec).map(a -> Views.AgentView.of(a, 0));
    }

    @PUT
    @Path("/agents/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Change an agent", description = "Same fields as create; password may be omitted.")
    public Uni<Views.AgentView> update(@PathParam("id") String id, AgentSpec spec) {
        return directory.update(tenant.id(), id, spec).map(a -> Views.AgentView.of(a, null));
    }

    /** Conversations held or offered, per agent. */
    static Uni<Map<String, Integer>> loads(String tenantId) {
        return Panache.withSession(() -> QueueEntry.listActive(tenantId)).map(active -> {
            Map<String, Integer> load = new HashMap<>();
            active.stream().filter(e -> e.agentId != null && !QueueEntry.WAITING.equals(e.status))
                    .forEach(e -> load.merge(e.agentId, 1, Integer::sum));
            return load;
        });
    }

    static Views.AgentView view(Agent a, Map<String, Integer> load) {
        return Views.AgentView.of(a, load.getOrDefault(a.id, 0));
    }
}
