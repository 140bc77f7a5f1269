package io.lingxi.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.InvalidEventException;
import io.lingxi.gateway.domain.Channel;
import io.lingxi.gateway.domain.Conversation;
import io.lingxi.gateway.domain.ConversationMessage;
import io.lingxi.gateway.domain.Delivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Keeps the replies of each conversation so the channel can read them, each once; queues pushed deliveries. */
@ApplicationScoped
public class ReplyService {

    private final ObjectMapper mapper;

    public ReplyService(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Stores {@code reply} unless it was stored before (a redelivered event), with its outbound delivery when
     * the channel is pushed to. Answers whether it is (so the dispatcher reports it, not the caller).
     */
    public Uni<Boolean> store(EventContext context, ReplyCreated reply) {
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
                    return Channel.<Channel>findById(conversation.channelId).flatMap(channel -> {
                        boolean pushed = isPushed(channel);
                        return ConversationMessage.findByExternalId(conversation.channelId, reply.replyId())
                                .flatMap(existing -> existing != null ? Uni.createFrom().voidItem()
                                        : insert(context, conversation, reply, pushed))
                                .replaceWith(pushed);
                    });
                }));
    }

    /** Replies of a channel with a webhook, or of a WeChat channel, are pushed; others are pulled. */
    static boolean isPushed(Channel channel) {
        return channel.replyWebhookUrl != null || (channel.channelType() != null && channel.channelType().isWechat());
    }

    private Uni<Void> insert(EventContext context, Conversation conversation, ReplyCreated reply, boolean pushed) {
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
        Uni<Void> saved = row.persistAndFlush().replaceWithVoid();
        if (!pushed) {
            return saved;
        }
        return saved.chain(() -> {
            Delivery delivery = new Delivery();
            delivery.messageId = row.id;
            delivery.tenantId = row.tenantId;
            delivery.channelId = row.channelId;
            delivery.conversationId = row.conversationId;
            delivery.replyId = row.externalId;
            delivery.eventId = context.id();
            delivery.correlationId = context.correlationId();
            delivery.status = Delivery.PENDING;
            delivery.createdAt = Instant.now();
            // due at once, even when the database's clock is a little behind ours (the dispatcher asks now())
            delivery.nextAttemptAt = delivery.createdAt.minusSeconds(1);
            return delivery.persist().replaceWithVoid();
        });
    }
}
