package io.lingxi.dialogue.api;

import io.lingxi.contracts.events.QuickReply;
import io.lingxi.dialogue.domain.BotReply;
import io.lingxi.dialogue.domain.ProactiveOptOut;
import io.lingxi.dialogue.service.ConversationService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Proactive messages (reminders, care messages, surveys) and the customers' opt-out. */
@Path("/api/v1/dialogue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "agent"})
@Tag(name = "Proactive messages")
public class ProactiveResource {

    /**
     * @param messageId the caller's id of this message: sending it again sends nothing new
     * @param language  {@code zh} or {@code en}; the conversation's language when absent
     */
    public record ProactiveRequest(
            @NotBlank @Size(max = 64) String conversationId,
            @NotBlank @Size(max = 128) String messageId,
            @NotBlank @Size(max = 2000) String text,
            @Pattern(regexp = "zh|en") String language,
            @Size(max = 5) List<@Valid QuickReply> quickReplies) {
    }

    /** Where the message went. */
    public record ProactiveSent(String conversationId, String replyId) {
    }

    private final ConversationService conversations;
    private final JsonWebToken caller;
    private final Validator validator;

    public ProactiveResource(ConversationService conversations, JsonWebToken caller, Validator validator) {
        this.conversations = conversations;
        this.caller = caller;
        this.validator = validator;
    }

    @POST
    @Path("/proactive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a proactive message", description = "Through the customer's channel; refused with 409 "
            + "when the customer opted out and 429 past the daily per-customer limit.")
    public Uni<RestResponse<ProactiveSent>> send(ProactiveRequest request) {
        if (request == null) {
            throw new ProblemException(400, "Invalid request", "A JSON body with conversationId, messageId and text is required.");
        }
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        BotReply message = new BotReply(request.text(), request.quickReplies() == null ? List.of() : request.quickReplies());
        return conversations.sendProactive(tenant(), request.conversationId(), request.messageId(), message,
                request.language()).map(replyId -> RestResponse.accepted(new ProactiveSent(request.conversationId(), replyId)));
    }

    @PUT
    @Path("/customers/{customerId}/opt-out")
    @Operation(summary = "The customer receives no more proactive messages")
    public Uni<RestResponse<Void>> optOut(@RestPath String customerId) {
        String tenant = tenant();
        return Panache.withTransaction(() -> ProactiveOptOut.find(tenant, customerId).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            ProactiveOptOut optOut = new ProactiveOptOut();
            optOut.tenantId = tenant;
            optOut.customerId = customerId;
            optOut.createdAt = Instant.now();
            return optOut.persist().replaceWithVoid();
        })).map(done -> RestResponse.noContent());
    }

    @DELETE
    @Path("/customers/{customerId}/opt-out")
    @Operation(summary = "The customer receives proactive messages again")
    public Uni<RestResponse<Void>> optIn(@RestPath String customerId) {
        String tenant = tenant();
        return Panache.withTransaction(() -> ProactiveOptOut.delete("tenantId = ?1 and customerId = ?2", tenant,
                customerId)).map(deleted -> RestResponse.noContent());
    }

    private String tenant() {
        String tenant = caller.getClaim("tenant");
        if (tenant == null || tenant.isBlank()) {
            throw new ProblemException(403, "Forbidden", "The token names no tenant.");
        }
        return tenant;
    }
}
