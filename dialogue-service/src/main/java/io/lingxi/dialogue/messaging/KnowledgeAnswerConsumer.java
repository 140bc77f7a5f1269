package io.lingxi.dialogue.messaging;

import io.lingxi.contracts.messaging.KeyedLanes;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.KnowledgeAnswered;
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

/** Consumes {@code cs.knowledge.answer.v1}: answers to the questions dialogue asked. */
@ApplicationScoped
public class KnowledgeAnswerConsumer {

    private final ConversationService conversations;
    private final ObjectMapper mapper;
    private final KeyedLanes lanes;

    public KnowledgeAnswerConsumer(ConversationService conversations, ObjectMapper mapper, DialogueConfig config,
            Vertx vertx) {
        this.conversations = conversations;
        this.mapper = mapper;
        this.lanes = new KeyedLanes(vertx, config.consumerConcurrency());
    }

    /** Answers once the record is admitted to its conversation's lane; the record is acknowledged when done. */
    @Incoming("knowledge-answers")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> message) {
        return lanes.submit(KeyedLanes.key(message), () -> ReliableConsumer.handle(message, () -> {
            EventContext context = EventContext.of(message);
            KnowledgeAnswered answer = EventJson.read(mapper, message.getPayload(), KnowledgeAnswered.class);
            EventJson.require(answer.conversationId(), "conversationId");
            EventJson.require(answer.messageId(), "messageId");
            EventJson.require(answer.decision(), "decision");
            return conversations.onKnowledgeAnswered(context, answer);
        }));
    }
}
