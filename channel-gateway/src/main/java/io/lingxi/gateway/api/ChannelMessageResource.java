package io.lingxi.gateway.api;

import io.lingxi.gateway.domain.Channel;
import io.lingxi.gateway.domain.ChannelType;
import io.lingxi.gateway.domain.Conversation;
import io.lingxi.gateway.domain.ConversationMessage;
import io.lingxi.gateway.domain.CustomerProfile;
import io.lingxi.gateway.config.GatewayConfig;
import io.lingxi.gateway.service.ChannelService;
import io.lingxi.gateway.service.ConversationSignals;
import io.lingxi.gateway.service.InboundMessageService;
import io.lingxi.gateway.service.RateLimiter;
import io.lingxi.gateway.service.RunToEnd;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;

import io.vertx.core.Vertx;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The generic channel API: customers' messages in, the conversation so far out. Authenticated by channel key. */
@Path("/api/v1/channels/{channelId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channel messages")
public class ChannelMessageResource {

    private final ChannelService channels;
    private final InboundMessageService inbound;
    private final RateLimiter limiter;
    private final Validator validator;
    private final ConversationFeed feed;
    private final ConversationSignals signals;
    private final GatewayConfig config;
    private final Vertx vertx;

    public ChannelMessageResource(ChannelService channels, InboundMessageService inbound, RateLimiter limiter,
            Validator validator, ConversationFeed feed, ConversationSignals signals, GatewayConfig config,
            Vertx vertx) {
        this.channels = channels;
        this.inbound = inbound;
        this.limiter = limiter;
        this.validator = validator;
        this.feed = feed;
        this.signals = signals;
        this.config = config;
        this.vertx = vertx;
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a customer's message", description = "Text, image or file by URL, location, or an "
            + "event (session_opened, satisfaction, quick_reply), with optional customer profile hints. Accepted "
            + "for processing: the replies appear in the conversation. Sending the same messageId again returns the "
            + "same conversation and adds nothing. 429 with Retry-After past the channel's or customer's rate limit.")
    public Uni<RestResponse<MessageAccepted>> post(@RestPath String channelId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization, PostMessageRequest request) {
        // a client that gives up does not cut the store-and-publish short (its transaction, the broker's ack)
        return RunToEnd.of(() -> channels.authenticate(channelId, authorization)
                        .flatMap(channel -> {
                            validate(request);
                            var message = InboundMessages.from(request, channel.channelType());
                            return throttle(channel, request.customerId()).chain(() -> inbound.accept(channel, message));
                        }))
                .map(accepted -> RestResponse.accepted(
                        new MessageAccepted(accepted.conversationId(), accepted.messageId(), accepted.duplicate())));
    }

    @GET
    @Path("/conversations/{conversationId}/messages")
    @Operation(summary = "Read a conversation", description = "The customer's messages and the replies, in order.")
    public Uni<ConversationView> conversation(@RestPath String channelId, @RestPath String conversationId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return channels.authenticate(channelId, authorization)
                .flatMap(channel -> Panache.withSession(() -> ownConversation(channel, conversationId)
                        .flatMap(conversation -> ConversationMessage.listConversation(conversationId)
                                .flatMap(rows -> CustomerProfile.<CustomerProfile>findById(
                                                new CustomerProfile.Key(channel.id, conversation.customerId))
                                        .map(profile -> new ConversationView(conversationId,
                                                rows.stream().map(row -> line(row, channel.channelType())).toList(),
                                                profile == null ? null : new ConversationView.Customer(
                                                        conversation.customerId, profile.name, profile.vipLevel,
                                                        profile.externalId)))))));
    }

    @GET
    @Path("/conversations/{conversationId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow a conversation (Server-Sent Events)", description = "Every line of the "
            + "conversation as an event named 'message' whose id is its sequence number; reconnect with "
            + "Last-Event-ID (or ?after=) to resume without loss or repeats.")
    public Multi<OutboundSseEvent> events(@RestPath String channelId, @RestPath String conversationId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader("Last-Event-ID") String lastEventId, @RestQuery String after, @Context Sse sse) {
        long start = parseSequence(lastEventId != null ? lastEventId : after);
        return channels.authenticate(channelId, authorization)
                .flatMap(channel -> Panache.withSession(() -> ownConversation(channel, conversationId))
                        .replaceWith(channel))
                .onItem().transformToMulti(channel -> {
                    AtomicLong last = new AtomicLong(start);
                    Runnable[] again = new Runnable[1];
                    return wakeUps(conversationId, again)
                            .onItem().transformToUniAndConcatenate(
                                    wake -> feed.after(conversationId, last.get(), channel.channelType()))
                            .invoke(lines -> {
                                if (lines.size() >= ConversationFeed.PAGE) {
                                    again[0].run(); // more than a page waiting: read on without waiting for a signal
                                }
                            })
                            .onItem().transformToIterable(lines -> lines)
                            .map(line -> {
                                last.set(line.seq());
                                return sse.newEventBuilder().id(String.valueOf(line.seq())).name("message")
                                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                        .data(ConversationView.Line.class, line)
                                        .build();
                            });
                });
    }

    /**
     * When the stream reads its conversation: at once, whenever a line is committed on this replica (signal), and
     * every fallback poll (lines stored by another replica). Wake-ups that come while a read runs collapse into
     * one more read after it (latest wins), so a line committed during a read is never left waiting for the poll.
     * All wake-ups are emitted on the stream's own Vert.x context, one at a time.
     */
    private Multi<Long> wakeUps(String conversationId, Runnable[] again) {
        return Multi.createFrom().<Long>emitter(emitter -> {
            io.vertx.core.Context context = vertx.getOrCreateContext();
            AtomicLong count = new AtomicLong();
            Runnable wake = () -> context.runOnContext(ignored -> emitter.emit(count.incrementAndGet()));
            again[0] = wake;
            AutoCloseable listening = signals.listen(conversationId, wake);
            long timer = vertx.setPeriodic(config.streams().fallbackPoll().toMillis(), id -> wake.run());
            emitter.onTermination(() -> {
                vertx.cancelTimer(timer);
                try {
                    listening.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            wake.run();
        }, BackPressureStrategy.LATEST);
    }

    private static long parseSequence(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("Last-Event-ID", "must be the id of an event of this stream");
        }
    }

    private static Uni<Conversation> ownConversation(Channel channel, String conversationId) {
        return Conversation.<Conversation>findById(conversationId).map(conversation -> {
            if (conversation == null || !conversation.channelId.equals(channel.id)) {
                throw ProblemException.notFound("There is no conversation '" + conversationId
                        + "' in channel '" + channel.id + "'.");
            }
            return conversation;
        });
    }

    /** Counts the message against the channel's and the customer's limits (shared by all replicas), or 429. */
    private Uni<Void> throttle(Channel channel, String customerId) {
        return limiter.acquire(new RateLimiter.Limit("channel:" + channel.id, channels.channelRate(channel)),
                        new RateLimiter.Limit("customer:" + channel.id + ":" + customerId, channels.customerRate(channel)))
                .map(refusal -> {
                    if (refusal == null) {
                        return null;
                    }
                    long wait = refusal.retryAfterSeconds();
                    throw refusal.limit().key().startsWith("channel:")
                            ? ProblemException.tooManyRequests("Channel '" + channel.id + "' sends more than "
                                    + channels.channelRate(channel) + " messages a minute; retry after " + wait + " s.", wait)
                            : ProblemException.tooManyRequests("Customer '" + customerId + "' sends more than "
                                    + channels.customerRate(channel) + " messages a minute; retry after " + wait + " s.", wait);
                })
                .replaceWithVoid();
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

    private ConversationView.Line line(ConversationMessage row, ChannelType type) {
        return feed.line(row.id, row.externalId, row.sender, row.text, row.language, row.quickReplies, row.inReplyTo,
                row.createdAt, row.kind, row.payload, type);
    }
}
