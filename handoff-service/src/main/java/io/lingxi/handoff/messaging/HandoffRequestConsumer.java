package io.lingxi.handoff.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.HandoffRequested;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.InvalidEventException;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.lingxi.handoff.service.HandoffRequestService;
import io.lingxi.handoff.service.RoutingService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cs.handoff.requested.v1}: queues the conversation, then sends the resulting events from the
 * outbox and only then acknowledges the record. A crash anywhere in between is repaired by the redelivery (or the
 * outbox sweeper) re-sending the stored events under their ids; a malformed request goes to the dead-letter topic.
 */
@ApplicationScoped
public class HandoffRequestConsumer {

    private final HandoffRequestService requests;
    private final OutboxPublisher outbox;
    private final ObjectMapper mapper;
    private final RoutingService routing;

    public HandoffRequestConsumer(HandoffRequestService requests, OutboxPublisher outbox, ObjectMapper mapper,
            RoutingService routing) {
        this.requests = requests;
        this.outbox = outbox;
        this.mapper = mapper;
        this.routing = routing;
    }

    @Incoming("handoff-requests")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            EventContext context = context(message);
            HandoffRequested request = validated(context,
                    EventJson.read(mapper, message.getPayload(), HandoffRequested.class));
            return requests.handle(context, request).flatMap(outbox::publish)
                    // routing failures must not redeliver the request: the routing sweep tries again
                    .call(() -> routing.dispatch(request.tenantId()).onFailure().invoke(e -> Log.warnf(
                            "Routing after the request for %s failed: %s", request.conversationId(), e.getMessage()))
                            .onFailure().recoverWithNull());
        });
    }

    private static EventContext context(Message<String> message) {
        EventContext context = EventContext.of(message);
        limit(context.id(), 64, "ce_id");
        limit(context.correlationId(), 128, "correlationid");
        return context;
    }

    private static HandoffRequested validated(EventContext context, HandoffRequested request) {
        limit(EventJson.require(request.tenantId(), "tenantId"), 64, "tenantId");
        limit(EventJson.require(request.conversationId(), "conversationId"), 64, "conversationId");
        limit(EventJson.require(request.channelId(), "channelId"), 64, "channelId");
        limit(request.customerId(), 128, "customerId");
        limit(request.messageId(), 128, "messageId");
        limit(request.reason(), 64, "reason");
        limit(request.skillGroup(), 64, "skillGroup");
        limit(request.language(), 16, "language");
        if (!request.tenantId().equals(context.tenantId())) {
            throw new InvalidEventException("handoff request " + context.id() + " names tenant " + request.tenantId()
                    + " but its tenantid header is " + context.tenantId());
        }
        return request;
    }

    private static void limit(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new InvalidEventException("field " + field + " is longer than " + max + " characters");
        }
    }
}
