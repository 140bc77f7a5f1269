package io.lingxi.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.events.ReplyDelivery;
import io.lingxi.contracts.messaging.CloudEvents;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.lingxi.gateway.service.ReplyService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cs.reply.v1}: stores the reply for the channel to read and reports the delivery on
 * {@code cs.delivery.v1}. A redelivered reply is stored once; its delivery report keeps the same id.
 */
@ApplicationScoped
public class ReplyConsumer {

    private final ReplyService replies;
    private final MutinyEmitter<String> deliveries;
    private final ObjectMapper mapper;

    public ReplyConsumer(ReplyService replies, @Channel("deliveries") MutinyEmitter<String> deliveries,
            ObjectMapper mapper) {
        this.replies = replies;
        this.deliveries = deliveries;
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
            return replies.store(context, reply).chain(() -> reportDelivered(context, reply));
        });
    }

    private Uni<Void> reportDelivered(EventContext context, ReplyCreated reply) {
        Instant now = Instant.now();
        ReplyDelivery delivery = new ReplyDelivery(reply.replyId(), reply.tenantId(), reply.channelId(),
                reply.conversationId(), ReplyDelivery.Status.DELIVERED, 1, null, now);
        return deliveries.sendMessage(CloudEvents.conversationEvent(EventJson.write(mapper, delivery),
                EventIds.derive(context.id(), "delivered"), EventTypes.REPLY_DELIVERED, MessageReceivedPublisher.SOURCE,
                reply.conversationId(), reply.tenantId(), context.correlationId(), now));
    }
}
