package io.lingxi.gateway.messaging;

import io.lingxi.contracts.messaging.KeyedLanes;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.events.ReplyDelivery;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.InvalidEventException;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.lingxi.gateway.config.GatewayConfig;
import io.lingxi.gateway.delivery.DeliveryDispatcher;
import io.lingxi.gateway.service.ConversationSignals;
import io.lingxi.gateway.service.ReplyService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cs.reply.v1}: stores the reply once. For channels that pull their replies (HTTP, SSE) the
 * reply is delivered once stored, and reported on {@code cs.delivery.v1} at once; for channels that are pushed
 * to (webhook, WeChat) a delivery is queued in the same transaction and the dispatcher reports its outcome.
 *
 * <p>Replies of different conversations are handled concurrently (up to {@code lingxi.gateway.replies.concurrency}
 * at once), those of one conversation (the record key) one after the other, in offset order. Once a reply is
 * committed, the conversation's open streams are signalled and, for a pushed channel, the dispatcher is woken,
 * so the reply reaches the channel without waiting for the delivery report: the broker's acknowledgement of
 * the report holds back only the next reply of the same conversation, never other conversations, and never
 * the reply's way to the customer. The record is acknowledged after the report is, as before, so a report lost
 * with the process is sent again when the record is redelivered (the reply is stored once; the report carries
 * the same event id). Offsets are committed only up to the oldest record not yet acknowledged.
 */
@ApplicationScoped
public class ReplyConsumer {

    private final ReplyService replies;
    private final DeliveryReporter reporter;
    private final ObjectMapper mapper;
    private final ConversationSignals signals;
    private final DeliveryDispatcher dispatcher;
    private final KeyedLanes lanes;

    public ReplyConsumer(ReplyService replies, DeliveryReporter reporter, ObjectMapper mapper,
            ConversationSignals signals, DeliveryDispatcher dispatcher, GatewayConfig config, Vertx vertx) {
        this.replies = replies;
        this.reporter = reporter;
        this.mapper = mapper;
        this.signals = signals;
        this.dispatcher = dispatcher;
        this.lanes = new KeyedLanes(vertx, config.replies().concurrency());
    }

    /** Answers once the record is admitted to its conversation's lane; the record is acknowledged when done. */
    @Incoming("replies")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> message) {
        return lanes.submit(KeyedLanes.key(message), () -> ReliableConsumer.handle(message, () -> handle(message)));
    }

    private Uni<Void> handle(Message<String> message) {
        EventContext context = EventContext.of(message);
        ReplyCreated reply = EventJson.read(mapper, message.getPayload(), ReplyCreated.class);
        EventJson.require(reply.replyId(), "replyId");
        EventJson.require(reply.conversationId(), "conversationId");
        EventJson.require(reply.text(), "text");
        return replies.store(context, reply)
                .invoke(pushed -> {
                    // committed: the streams read it now, the channel's pipeline sends it now
                    signals.signal(reply.conversationId());
                    if (pushed && reply.channelId() != null) {
                        dispatcher.wake(reply.channelId());
                    }
                })
                .chain(pushed -> pushed ? Uni.createFrom().voidItem()
                        : reporter.report(context.id(), context.correlationId(), new ReplyDelivery(reply.replyId(),
                                reply.tenantId(), reply.channelId(), reply.conversationId(),
                                ReplyDelivery.Status.DELIVERED, 1, null, Instant.now())))
                .onFailure(e -> !(e instanceof InvalidEventException)) // poison goes to the DLQ, logged there
                .invoke(e -> Log.warnf("Reply %s of conversation %s not handled yet: %s", reply.replyId(),
                        reply.conversationId(), e.getMessage()));
    }
}
