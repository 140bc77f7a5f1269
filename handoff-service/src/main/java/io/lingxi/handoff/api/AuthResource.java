package io.lingxi.handoff.api;

import io.lingxi.handoff.service.AgentDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agent login: tenant, username and password for a signed access token (role agent, plus supervisor). */
@Path("/api/v1/handoff/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agent login")
public class AuthResource {

    private final AgentDirectory directory;

    public AuthResource(AgentDirectory directory) {
        this.directory = directory;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Log an agent in", description = "Answers a JWT with claim tenant, groups [agent] "
            + "(and supervisor for supervisors) and subject = the agent's id.")
    @APIResponse(responseCode = "200", description = "The token")
    @APIResponse(responseCode = "401", description = "Wrong tenant, username or password")
    @APIResponse(responseCode = "503", description = "No token signing key is configured")
    public Uni<Views.LoginResponse> login(Views.LoginRequest request) {
        if (request == null) {
            throw ProblemException.invalid("Send tenant, username and password as JSON.");
        }
        return directory.login(request.tenant(), request.username(), request.password())
                .map(login -> new Views.LoginResponse(login.token(), login.expiresAt(), login.roles(),
                        Views.AgentView.of(login.agent(), null)));
    }
}
