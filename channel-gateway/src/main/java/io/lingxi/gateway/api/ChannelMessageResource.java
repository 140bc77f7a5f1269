package io.lingxi.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.QuickReply;
import io.lingxi.gateway.domain.Conversation;
import io.lingxi.gateway.domain.ConversationMessage;
import io.lingxi.gateway.service.ChannelService;
import io.lingxi.gateway.service.InboundMessage;
import io.lingxi.gateway.service.InboundMessageService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** The generic channel API: customers' messages in, the conversation so far out. Authenticated by channel key. */
@Path("/api/v1/channels/{channelId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channel messages")
public class ChannelMessageResource {

    private static final TypeReference<List<QuickReply>> QUICK_REPLIES = new TypeReference<>() {
    };

    private final ChannelService channels;
    private final InboundMessageService inbound;
    private final Validator validator;
    private final ObjectMapper mapper;

    public ChannelMessageResource(ChannelService channels, InboundMessageService inbound, Validator validator,
            ObjectMapper mapper) {
        this.channels = channels;
        this.inbound = inbound;
        this.validator = validator;
        this.mapper = mapper;
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a customer's message", description = "Accepted for processing: the replies appear "
            + "in the conversation. Sending the same messageId again returns the same conversation and adds nothing.")
    public Uni<RestResponse<MessageAccepted>> post(@RestPath String channelId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization, PostMessageRequest request) {
        return channels.authenticate(channelId, authorization)
                .invoke(() -> validate(request))
                .flatMap(channel -> inbound.accept(channel,
                        new InboundMessage(request.messageId(), request.customerId(), request.text())))
                .map(accepted -> RestResponse.accepted(
                        new MessageAccepted(accepted.conversationId(), accepted.messageId(), accepted.duplicate())));
    }

    @GET
    @Path("/conversations/{conversationId}/messages")
    @Operation(summary = "Read a conversation", description = "The customer's messages and the replies, in order.")
    public Uni<ConversationView> conversation(@RestPath String channelId, @RestPath String conversationId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return channels.authenticate(channelId, authorization)
                .flatMap(channel -> Panache.withSession(() -> Conversation.<Conversation>findById(conversationId)
                        .flatMap(conversation -> {
                            if (conversation == null || !conversation.channelId.equals(channel.id)) {
                                throw ProblemException.notFound("There is no conversation '" + conversationId
                                        + "' in channel '" + channelId + "'.");
                            }
                            return ConversationMessage.listConversation(conversationId);
                        })))
                .map(rows -> new ConversationView(conversationId, rows.stream().map(this::line).toList()));
    }

    private void validate(PostMessageRequest request) {
        if (request == null) {
            throw new ProblemException(400, "Invalid request", "A JSON body with messageId, customerId and text is required.");
        }
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    private ConversationView.Line line(ConversationMessage row) {
        return new ConversationView.Line(row.externalId, row.sender.name().toLowerCase(Locale.ROOT), row.text,
                row.language, quickReplies(row.quickReplies), row.inReplyTo, row.createdAt);
    }

    private List<QuickReply> quickReplies(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return mapper.readValue(json, QUICK_REPLIES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored quick replies are not JSON", e);
        }
    }
}
