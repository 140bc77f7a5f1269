package io.lingxi.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.HandoffEvent;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.lingxi.gateway.service.ConversationSignals;
import io.lingxi.gateway.service.PhoneTransferService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cs.handoff.event.v1}: when a phone channel's conversation is queued for or assigned to a human,
 * the channel gets a transfer instruction with the call id. Events of other channels are acknowledged and
 * ignored; a poison event goes to {@code cs.handoff.event.v1.dlq}.
 */
@ApplicationScoped
public class HandoffEventConsumer {

    private final PhoneTransferService transfers;
    private final ObjectMapper mapper;
    private final ConversationSignals signals;

    public HandoffEventConsumer(PhoneTransferService transfers, ObjectMapper mapper, ConversationSignals signals) {
        this.transfers = transfers;
        this.mapper = mapper;
        this.signals = signals;
    }

    @Incoming("handoff-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            EventContext context = EventContext.of(message);
            HandoffEvent event = EventJson.read(mapper, message.getPayload(), HandoffEvent.class);
            EventJson.require(event.type(), "type");
            EventJson.require(event.conversationId(), "conversationId");
            EventJson.require(event.tenantId(), "tenantId");
            return transfers.apply(context, event)
                    .invoke(added -> {
                        if (added) {
                            signals.signal(event.conversationId()); // committed: open streams show it now
                        }
                    })
                    .replaceWithVoid();
        });
    }
}
