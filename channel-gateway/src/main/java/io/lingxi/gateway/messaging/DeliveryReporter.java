package io.lingxi.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.events.ReplyDelivery;
import io.lingxi.contracts.messaging.CloudEvents;
import io.lingxi.contracts.messaging.EventJson;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes delivery outcomes on {@code cs.delivery.v1}. The event id is derived from the reply event's id and
 * the outcome, so a report sent again (redelivered reply, crash before marking it sent) carries the same id.
 */
@ApplicationScoped
public class DeliveryReporter {

    private final MutinyEmitter<String> deliveries;
    private final ObjectMapper mapper;

    public DeliveryReporter(@Channel("deliveries") MutinyEmitter<String> deliveries, ObjectMapper mapper) {
        this.deliveries = deliveries;
        this.mapper = mapper;
    }

    public Uni<Void> report(String replyEventId, String correlationId, ReplyDelivery delivery) {
        boolean delivered = delivery.status() == ReplyDelivery.Status.DELIVERED;
        return deliveries.sendMessage(CloudEvents.conversationEvent(EventJson.write(mapper, delivery),
                EventIds.derive(replyEventId, delivered ? "delivered" : "failed"),
                delivered ? EventTypes.REPLY_DELIVERED : EventTypes.REPLY_FAILED, MessageReceivedPublisher.SOURCE,
                delivery.conversationId(), delivery.tenantId(), correlationId, delivery.at()));
    }
}
