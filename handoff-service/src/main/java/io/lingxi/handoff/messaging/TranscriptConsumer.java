package io.lingxi.handoff.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.InvalidEventException;
import io.lingxi.contracts.messaging.ReliableConsumer;
import io.lingxi.handoff.service.TranscriptService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cs.message.understood.v1} and {@code cs.reply.v1} into the conversations' transcripts, so that an
 * agent sees the whole conversation and the customer's new messages live. Idempotent on the message/reply id;
 * malformed records go to the dead-letter topics.
 */
@ApplicationScoped
public class TranscriptConsumer {

    private final TranscriptService transcripts;
    private final ObjectMapper mapper;

    public TranscriptConsumer(TranscriptService transcripts, ObjectMapper mapper) {
        this.transcripts = transcripts;
        this.mapper = mapper;
    }

    @Incoming("understood-messages")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> understood(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            EventContext context = EventContext.of(message);
            MessageUnderstood m = EventJson.read(mapper, message.getPayload(), MessageUnderstood.class);
            check(context, m.tenantId(), m.conversationId());
            limit(EventJson.require(m.messageId(), "messageId"), 128, "messageId");
            limit(m.text(), 8000, "text");
            return transcripts.understood(m);
        });
    }

    @Incoming("conversation-replies")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> reply(Message<String> message) {
        return ReliableConsumer.handle(message, () -> {
            EventContext context = EventContext.of(message);
            ReplyCreated r = EventJson.read(mapper, message.getPayload(), ReplyCreated.class);
            check(context, r.tenantId(), r.conversationId());
            limit(EventJson.require(r.replyId(), "replyId"), 128, "replyId");
            limit(r.text(), 8000, "text");
            return transcripts.reply(r);
        });
    }

    private static void check(EventContext context, String tenantId, String conversationId) {
        limit(EventJson.require(tenantId, "tenantId"), 64, "tenantId");
        limit(EventJson.require(conversationId, "conversationId"), 64, "conversationId");
        if (!tenantId.equals(context.tenantId())) {
            throw new InvalidEventException("event " + context.id() + " names tenant " + tenantId
                    + " but its tenantid header is " + context.tenantId());
        }
    }

    private static void limit(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new InvalidEventException("field " + field + " is longer than " + max + " characters");
        }
    }
}
