package io.lingxi.dialogue.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.lingxi.dialogue.service.ConversationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumes {@code cs.message.understood.v1}: the customer's messages, each handled once. */
@ApplicationScoped
public class MessageUnderstoodConsumer {

    private final ConversationService conversations;
    private final ObjectMapper mapper;

    public MessageUnderstoodConsumer(ConversationService conversations, ObjectMapper mapper) {
        this.conversations = conversations;
        this.mapper = mapper;
    }

    @Incoming("messages-understood")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            EventContext context = EventContext.of(message);
            MessageUnderstood understood = EventJson.read(mapper, message.getPayload(), MessageUnderstood.class);
            EventJson.require(understood.conversationId(), "conversationId");
            EventJson.require(understood.messageId(), "messageId");
            EventJson.require(understood.text(), "text");
            EventJson.require(understood.intent(), "intent");
            return conversations.onMessageUnderstood(context, understood);
        });
    }
}
