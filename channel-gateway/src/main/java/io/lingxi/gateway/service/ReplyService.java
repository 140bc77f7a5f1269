package io.lingxi.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.InvalidEventException;
import io.lingxi.gateway.domain.Conversation;
import io.lingxi.gateway.domain.ConversationMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Keeps the replies of each conversation so the channel can read them; each reply once. */
@ApplicationScoped
public class ReplyService {

    private final ObjectMapper mapper;

    public ReplyService(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Stores {@code reply} unless it was stored before (a redelivered event). */
    public Uni<Void> store(EventContext context, ReplyCreated reply) {
        return Panache.withTransaction(() -> Conversation.<Conversation>findById(reply.conversationId())
                .flatMap(conversation -> {
                    if (conversation == null) {
                        throw new InvalidEventException("reply " + reply.replyId() + " is for unknown conversation "
                                + reply.conversationId());
                    }
                    if (!conversation.tenantId.equals(reply.tenantId()) || !conversation.tenantId.equals(context.tenantId())) {
                        throw new InvalidEventException("reply " + reply.replyId() + " names tenant "
                                + reply.tenantId() + " but conversation " + conversation.id + " is another tenant's");
                    }
                    return ConversationMessage.findByExternalId(conversation.channelId, reply.replyId())
                            .flatMap(existing -> existing != null ? Uni.createFrom().voidItem()
                                    : insert(context, conversation, reply));
                }));
    }

    private Uni<Void> insert(EventContext context, Conversation conversation, ReplyCreated reply) {
        ConversationMessage row = new ConversationMessage();
        row.conversationId = conversation.id;
        row.tenantId = conversation.tenantId;
        row.channelId = conversation.channelId;
        row.sender = reply.sender();
        row.externalId = reply.replyId();
        row.eventId = context.id();
        row.text = reply.text();
        row.language = reply.language();
        row.quickReplies = reply.quickReplies() == null || reply.quickReplies().isEmpty() ? null
                : EventJson.write(mapper, reply.quickReplies());
        row.inReplyTo = reply.inReplyTo();
        row.agentId = reply.agentId();
        row.published = true;
        row.createdAt = reply.createdAt() != null ? reply.createdAt() : Instant.now();
        conversation.lastMessageAt = Instant.now();
        return row.persist().replaceWithVoid();
    }
}
