package io.lingxi.gateway.web;

import io.lingxi.gateway.api.ProblemException;
import io.lingxi.gateway.domain.ChannelType;
import io.lingxi.gateway.service.ChannelService;
import io.lingxi.gateway.service.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Anonymous visitors of a web channel get a signed visitor token for the chat WebSocket. */
@Path("/api/v1/web/{channelId}/visitors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Web chat")
public class VisitorResource {

    private final ChannelService channels;
    private final VisitorTokens tokens;
    private final RateLimiter limiter;

    public VisitorResource(ChannelService channels, VisitorTokens tokens, RateLimiter limiter) {
        this.channels = channels;
        this.tokens = tokens;
        this.limiter = limiter;
    }

    @POST
    @Operation(summary = "Start an anonymous visitor", description = "Answers a visitor id and a token valid 30 days "
            + "for this web channel's chat WebSocket (/ws/web/{channelId}?token=…).")
    public Uni<RestResponse<VisitorTokens.Visitor>> create(@RestPath String channelId,
            @RestHeader("Origin") String origin, @RestHeader("Host") String host) {
        return channels.find(channelId).invoke(channel -> {
            if (channel == null || !channel.enabled || channel.channelType() != ChannelType.WEB) {
                throw ProblemException.notFound("There is no web chat channel '" + channelId + "'.");
            }
            if (!channel.allowsOrigin(origin, host)) {
                throw ProblemException.forbidden("Pages of " + origin + " may not embed channel '" + channelId
                        + "'; add the origin to the channel's allowedOrigins.");
            }
        }).call(channel -> limiter.acquire(new RateLimiter.Limit("visitors:" + channel.id, channels.channelRate(channel)))
                .invoke(refusal -> {
                    if (refusal != null) {
                        throw ProblemException.tooManyRequests("Too many new visitors; retry after "
                                + refusal.retryAfterSeconds() + " s.", refusal.retryAfterSeconds());
                    }
                })).map(channel -> {
            var created = RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, tokens.issue(channel.id));
            if (origin != null) {
                // a simple cross-origin POST: answer the embedding site, and only it
                created.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin");
            }
            return created.build();
        });
    }
}
