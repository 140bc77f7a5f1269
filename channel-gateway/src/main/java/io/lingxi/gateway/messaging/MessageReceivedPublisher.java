package io.lingxi.gateway.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.events.MessageReceived;
import io.lingxi.contracts.messaging.CloudEvents;
import io.lingxi.contracts.messaging.EventJson;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes accepted customer messages on {@code cs.message.received.v1} and waits for the broker. */
@ApplicationScoped
public class MessageReceivedPublisher {

    static final String SOURCE = "channel-gateway";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;

    public MessageReceivedPublisher(@Channel("messages-received") MutinyEmitter<String> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /**
     * @param eventId stable for the message, so a re-publication (client retry, republisher) carries the same
     *                {@code ce_id} and consumers drop the repeat; it is also the chain's correlation id
     */
    public Uni<Void> publish(String eventId, MessageReceived message) {
        return emitter.sendMessage(CloudEvents.conversationEvent(EventJson.write(mapper, message), eventId,
                EventTypes.MESSAGE_RECEIVED, SOURCE, message.conversationId(), message.tenantId(), eventId,
                message.receivedAt()));
    }
}
