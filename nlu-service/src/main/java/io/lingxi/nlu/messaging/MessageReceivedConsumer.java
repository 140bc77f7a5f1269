package io.lingxi.nlu.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.events.MessageReceived;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.contracts.messaging.CloudEvents;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.lingxi.nlu.domain.MessageInterpreter;
import io.lingxi.nlu.domain.Understanding;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cs.message.received.v1} and publishes what the message means on
 * {@code cs.message.understood.v1}. Stateless: a redelivered message is understood again and re-published
 * under the same event id, which consumers drop.
 */
@ApplicationScoped
public class MessageReceivedConsumer {

    static final String SOURCE = "nlu-service";

    private final MessageInterpreter interpreter;
    private final MutinyEmitter<String> understood;
    private final ObjectMapper mapper;

    public MessageReceivedConsumer(MessageInterpreter interpreter,
            @Channel("messages-understood") MutinyEmitter<String> understood, ObjectMapper mapper) {
        this.interpreter = interpreter;
        this.understood = understood;
        this.mapper = mapper;
    }

    /** The tenant from the event, or from its {@code ce_tenantid} header. */
    private static String tenant(MessageReceived received, EventContext context) {
        return received.tenantId() != null ? received.tenantId() : context.tenantId();
    }

    @Incoming("messages-received")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @Blocking // classification is CPU work: keep it off the event loop, in order per partition
    public Uni<Void> consume(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            EventContext context = EventContext.of(message);
            MessageReceived received = EventJson.read(mapper, message.getPayload(), MessageReceived.class);
            EventJson.require(received.conversationId(), "conversationId");
            EventJson.require(received.messageId(), "messageId");
            EventJson.require(received.text(), "text");
            Understanding meaning = interpreter.interpret(tenant(received, context), received.text(),
                    received.receivedAt());
            MessageUnderstood event = new MessageUnderstood(received.messageId(), received.tenantId(),
                    received.channelId(), received.conversationId(), received.customerId(), received.text(),
                    meaning.language(), meaning.intent(), meaning.ranking(), meaning.entities(), meaning.sentiment(),
                    meaning.modelVersion(), received.receivedAt(), received.channelType(), received.kind(),
                    received.payload(), received.customer(), received.callId());
            return understood.sendMessage(CloudEvents.conversationEvent(EventJson.write(mapper, event),
                    EventIds.derive(context.id(), "understood"), EventTypes.MESSAGE_UNDERSTOOD, SOURCE,
                    received.conversationId(), context.tenantId(), context.correlationId(), Instant.now()));
        });
    }
}
