package io.lingxi.gateway.api;

import io.lingxi.gateway.service.ChannelService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import io.lingxi.gateway.delivery.DeliveryDispatcher;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Channels as data: a tenant's admins create, configure, disable channels and rotate their keys. */
@Path("/api/v1/admin/channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Channel administration")
public class ChannelAdminResource {

    static final String TENANT_CLAIM = "tenant";

    private final ChannelService channels;
    private final DeliveryDispatcher dispatcher;
    private final JsonWebToken jwt;

    public ChannelAdminResource(ChannelService channels, DeliveryDispatcher dispatcher, JsonWebToken jwt) {
        this.channels = channels;
        this.dispatcher = dispatcher;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "List the tenant's channels")
    public Uni<List<ChannelView>> list() {
        return channels.list(tenant());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a channel", description = "Answers the API key and the webhook signing secret: "
            + "they are shown this once.")
    public Uni<RestResponse<ChannelSecrets>> create(ChannelRequest request) {
        return channels.create(tenant(), request).map(created -> RestResponse.ResponseBuilder
                .<ChannelSecrets>created(URI.create("/api/v1/admin/channels/" + created.channel().id()))
                .entity(created).build());
    }

    @GET
    @Path("/{channelId}")
    @Operation(summary = "Read a channel's configuration")
    public Uni<ChannelView> get(@RestPath String channelId) {
        return channels.get(tenant(), channelId);
    }

    @PATCH
    @Path("/{channelId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Configure a channel", description = "Fields left out stay as they are.")
    public Uni<ChannelView> configure(@RestPath String channelId, ChannelRequest request) {
        return channels.configure(tenant(), channelId, request);
    }

    @POST
    @Path("/{channelId}/disable")
    @Operation(summary = "Disable a channel", description = "Its intake answers 404 until it is enabled again.")
    public Uni<ChannelView> disable(@RestPath String channelId) {
        return channels.setEnabled(tenant(), channelId, false);
    }

    @POST
    @Path("/{channelId}/enable")
    @Operation(summary = "Enable a channel")
    public Uni<ChannelView> enable(@RestPath String channelId) {
        return channels.setEnabled(tenant(), channelId, true);
    }

    @POST
    @Path("/{channelId}/api-key")
    @Operation(summary = "Rotate the API key", description = "Answers the new key once; the old key keeps "
            + "working until previousKeyValidUntil (overlapSeconds, default one day).")
    public Uni<ChannelSecrets> rotateKey(@RestPath String channelId, RotateKeyRequest request) {
        return channels.rotateKey(tenant(), channelId, request == null ? null : request.overlapSeconds());
    }

    @POST
    @Path("/{channelId}/webhook-secret")
    @Operation(summary = "Rotate the webhook signing secret", description = "Answers the new secret once.")
    public Uni<ChannelSecrets> rotateWebhookSecret(@RestPath String channelId) {
        return channels.rotateWebhookSecret(tenant(), channelId);
    }

    @GET
    @Path("/{channelId}/deliveries/failed")
    @Operation(summary = "Dead-lettered replies", description = "Replies whose delivery failed for good, newest first.")
    public Uni<List<Map<String, Object>>> failedDeliveries(@RestPath String channelId) {
        return channels.get(tenant(), channelId).flatMap(channel -> dispatcher.failed(channel.id(), 100));
    }

    @POST
    @Path("/{channelId}/deliveries/{replyId}/retry")
    @Operation(summary = "Deliver a dead-lettered reply again")
    public Uni<RestResponse<Void>> retryDelivery(@RestPath String channelId, @RestPath String replyId) {
        return channels.get(tenant(), channelId).flatMap(channel -> dispatcher.retry(channel.id(), replyId))
                .map(retried -> {
                    if (!retried) {
                        throw ProblemException.notFound("No failed delivery of reply '" + replyId + "'.");
                    }
                    return RestResponse.accepted();
                });
    }

    private String tenant() {
        Object claim = jwt.getClaim(TENANT_CLAIM);
        String tenant = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        if (tenant == null || tenant.isBlank()) {
            throw ProblemException.forbidden("The token names no tenant.");
        }
        return tenant;
    }
}
