package io.lingxi.nlu.api;

import io.lingxi.nlu.domain.MessageInterpreter;
import io.lingxi.nlu.domain.Understanding;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Synchronous understanding of one text, for integration and debugging. */
@Path("/api/v1/nlu/parse")
@Tag(name = "NLU")
public class ParseResource {

    /** The text to read. */
    public record ParseRequest(@NotBlank @Size(max = 2000) String text) {
    }

    private final MessageInterpreter interpreter;
    private final CallerTenant tenant;

    public ParseResource(MessageInterpreter interpreter, CallerTenant tenant) {
        this.interpreter = interpreter;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "editor", "agent"})
    @Operation(summary = "Understand a text", description = "Language, ranked intents, entities and sentiment, with the tenant's active model.")
    public Understanding parse(@Valid @NotNull ParseRequest request) {
        return interpreter.interpret(tenant.id(), request.text(), java.time.Instant.now());
    }
}
