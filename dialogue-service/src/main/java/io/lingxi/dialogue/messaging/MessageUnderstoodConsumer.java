package io.lingxi.dialogue.messaging;

import io.lingxi.contracts.messaging.KeyedLanes;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.lingxi.dialogue.config.DialogueConfig;
import io.lingxi.dialogue.service.ConversationService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cs.message.understood.v1}: the customer's messages, each handled once. Messages of different
 * conversations are handled concurrently (up to {@code lingxi.dialogue.consumer-concurrency}), those of one
 * conversation (the record key) one after the other, in offset order; each record is acknowledged once its
 * transaction committed and its outbox events were published, and offsets are committed only up to the oldest
 * record not yet acknowledged. The knowledge-answer and handoff-event consumers work the same way.
 */
@ApplicationScoped
public class MessageUnderstoodConsumer {

    private final ConversationService conversations;
    private final ObjectMapper mapper;
    private final KeyedLanes lanes;

    public MessageUnderstoodConsumer(ConversationService conversations, ObjectMapper mapper, DialogueConfig config,
            Vertx vertx) {
        this.conversations = conversations;
        this.mapper = mapper;
        this.lanes = new KeyedLanes(vertx, config.consumerConcurrency());
    }

    /** Answers once the record is admitted to its conversation's lane; the record is acknowledged when done. */
    @Incoming("messages-understood")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> message) {
        return lanes.submit(KeyedLanes.key(message), () -> ReliableConsumer.handle(message, () -> {
            EventContext context = EventContext.of(message);
            MessageUnderstood understood = EventJson.read(mapper, message.getPayload(), MessageUnderstood.class);
            EventJson.require(understood.conversationId(), "conversationId");
            EventJson.require(understood.messageId(), "messageId");
            EventJson.require(understood.text(), "text");
            EventJson.require(understood.intent(), "intent");
            return conversations.onMessageUnderstood(context, understood);
        }));
    }
}
