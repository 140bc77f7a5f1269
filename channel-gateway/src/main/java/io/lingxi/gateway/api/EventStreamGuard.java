package io.lingxi.gateway.api;

import io.lingxi.gateway.domain.Conversation;
import io.lingxi.gateway.service.ChannelService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates event-stream requests before the stream starts: once an SSE response has begun, a failure
 * can no longer become a 401 or 404, so the checks run here, ahead of the resource method.
 */
public class EventStreamGuard {

    private static final Pattern STREAM = Pattern.compile("/api/v1/channels/([^/]+)/conversations/([^/]+)/events/?");

    private final ChannelService channels;
    private final ProblemMapper problems = new ProblemMapper();

    public EventStreamGuard(ChannelService channels) {
        this.channels = channels;
    }

    @ServerRequestFilter
    public Uni<Response> check(ContainerRequestContext request) {
        Matcher matcher = STREAM.matcher(request.getUriInfo().getPath());
        if (!"GET".equals(request.getMethod()) || !matcher.matches()) {
            return Uni.createFrom().nullItem();
        }
        String channelId = matcher.group(1);
        String conversationId = matcher.group(2);
        return channels.authenticate(channelId, request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(channel -> Panache.withSession(() -> Conversation.<Conversation>findById(conversationId))
                        .map(conversation -> {
                            if (conversation == null || !conversation.channelId.equals(channel.id)) {
                                throw ProblemException.notFound("There is no conversation '" + conversationId
                                        + "' in channel '" + channelId + "'.");
                            }
                            return (Response) null;
                        }))
                .onFailure(ProblemException.class)
                .recoverWithItem(e -> problems.problem((ProblemException) e).toResponse());
    }
}
