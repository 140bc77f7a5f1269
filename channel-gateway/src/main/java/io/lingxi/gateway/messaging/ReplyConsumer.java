package io.lingxi.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.events.ReplyDelivery;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.lingxi.gateway.service.ReplyService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cs.reply.v1}: stores the reply once. For channels that pull their replies (HTTP, SSE) the
 * reply is delivered once stored, and reported on {@code cs.delivery.v1} at once; for channels that are pushed
 * to (webhook, WeChat) a delivery is queued in the same transaction and the dispatcher reports its outcome.
 */
@ApplicationScoped
public class ReplyConsumer {

    private final ReplyService replies;
    private final DeliveryReporter reporter;
    private final ObjectMapper mapper;

    public ReplyConsumer(ReplyService replies, DeliveryReporter reporter, ObjectMapper mapper) {
        this.replies = replies;
        this.reporter = reporter;
        this.mapper = mapper;
    }

    @Incoming("replies")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            EventContext context = EventContext.of(message);
            ReplyCreated reply = EventJson.read(mapper, message.getPayload(), ReplyCreated.class);
            EventJson.require(reply.replyId(), "replyId");
            EventJson.require(reply.conversationId(), "conversationId");
            EventJson.require(reply.text(), "text");
            return replies.store(context, reply).chain(pushed -> pushed ? Uni.createFrom().voidItem()
                    : reporter.report(context.id(), context.correlationId(), new ReplyDelivery(reply.replyId(),
                            reply.tenantId(), reply.channelId(), reply.conversationId(),
                            ReplyDelivery.Status.DELIVERED, 1, null, Instant.now())));
        });
    }
}
