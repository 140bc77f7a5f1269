package io.lingxi.analytics.messaging;

import io.lingxi.analytics.service.IngestService;
import io.lingxi.contracts.Topics;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes every conversation topic. All of them take the same path (analyse, apply once, export), so one class
 * with one method per channel keeps the wiring in one place; poison goes to each topic's dead-letter topic.
 */
@ApplicationScoped
public class ConversationTopicsConsumer {

    private final IngestService ingest;

    public ConversationTopicsConsumer(IngestService ingest) {
        this.ingest = ingest;
    }

    @Incoming("messages-received")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> messageReceived(Message<String> message) {
        return handle(Topics.MESSAGE_RECEIVED, message);
    }

    @Incoming("messages-understood")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> messageUnderstood(Message<String> message) {
        return handle(Topics.MESSAGE_UNDERSTOOD, message);
    }

    @Incoming("knowledge-answers")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> knowledgeAnswered(Message<String> message) {
        return handle(Topics.KNOWLEDGE_ANSWER, message);
    }

    @Incoming("replies")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> reply(Message<String> message) {
        return handle(Topics.REPLY, message);
    }

    @Incoming("deliveries")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> delivery(Message<String> message) {
        return handle(Topics.DELIVERY, message);
    }

    @Incoming("handoff-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> handoffEvent(Message<String> message) {
        return handle(Topics.HANDOFF_EVENT, message);
    }

    @Incoming("conversation-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> conversationEvent(Message<String> message) {
        return handle(Topics.CONVERSATION_EVENT, message);
    }

    private Uni<Void> handle(String topic, Message<String> message) {
        return ReliableConsumer.handle(message, () -> ingest.ingest(topic, EventContext.of(message), message.getPayload()));
    }
}
