package io.lingxi.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.events.HandoffEvent;
import io.lingxi.contracts.events.Sender;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.contracts.messaging.InvalidEventException;
import io.lingxi.gateway.domain.Channel;
import io.lingxi.gateway.domain.ChannelType;
import io.lingxi.gateway.domain.Conversation;
import io.lingxi.gateway.domain.ConversationMessage;
import io.lingxi.gateway.domain.Delivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells a phone channel (IVR) to transfer the call when its conversation is handed to a human: on
 * {@code QUEUED} and on {@code AGENT_ASSIGNED} a line of kind {@code transfer} is added to the conversation,
 * carrying the call id of the conversation's latest phone message, the skill group and, once assigned, the
 * agent. It reaches the channel the way its replies do (webhook, or pulled over HTTP/SSE), in order with them.
 * Its id derives from the handoff event, so an event seen twice adds one line and one delivery.
 */
@ApplicationScoped
public class PhoneTransferService {

    /** The kind of the conversation line that carries a transfer instruction. */
    public static final String KIND = "transfer";

    private final ObjectMapper mapper;

    public PhoneTransferService(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Answers whether a transfer line was added now (false: not a phone channel, not a transfer, or a repeat). */
    public Uni<Boolean> apply(EventContext context, HandoffEvent event) {
        if (event.type() != HandoffEvent.Type.QUEUED && event.type() != HandoffEvent.Type.AGENT_ASSIGNED) {
            return Uni.createFrom().item(false);
        }
        return Panache.withTransaction(() -> Conversation.<Conversation>findById(event.conversationId())
                .flatMap(conversation -> {
                    if (conversation == null) {
                        throw new InvalidEventException("handoff event for unknown conversation "
                                + event.conversationId());
                    }
                    if (!conversation.tenantId.equals(event.tenantId())
                            || !conversation.tenantId.equals(context.tenantId())) {
                        throw new InvalidEventException("handoff event names tenant " + event.tenantId()
                                + " but conversation " + conversation.id + " is another tenant's");
                    }
                    return Channel.<Channel>findById(conversation.channelId).flatMap(channel -> {
                        if (channel == null || channel.channelType() != ChannelType.PHONE) {
                            return Uni.createFrom().item(false);
                        }
                        String externalId = "transfer-" + EventIds.derive(
                                event.queueEntryId() != null ? event.queueEntryId() : context.id(),
                                event.type().name() + "/" + event.agentId());
                        return ConversationMessage.findByExternalId(channel.id, externalId)
                                .flatMap(existing -> existing != null ? Uni.createFrom().item(false)
                                        : insert(context, event, conversation, channel, externalId).replaceWith(true));
                    });
                }));
    }

    private Uni<Void> insert(EventContext context, HandoffEvent event, Conversation conversation, Channel channel,
            String externalId) {
        // the latest lines are enough to find the current call and the language spoken
        return ConversationMessage.<ConversationMessage>find("conversationId = ?1 order by id desc", conversation.id)
                .page(0, 200).list()
                .flatMap(lines -> {
                    String callId = latestCallId(lines);
                    String language = latestLanguage(lines);
                    if (callId == null) {
                        Log.warnf("Conversation %s of phone channel %s is handed over but no message names a call",
                                conversation.id, channel.id);
                    }
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("action", KIND);
                    payload.put("status", event.type().name().toLowerCase(Locale.ROOT));
                    payload.put("callId", callId);
                    payload.put("skillGroup", event.skillGroup());
                    if (event.agentId() != null) {
                        payload.put("agentId", event.agentId());
                    }
                    if (event.position() != null) {
                        payload.put("queuePosition", event.position());
                    }
                    payload.put("queueEntryId", event.queueEntryId());
                    Instant now = Instant.now();
                    ConversationMessage row = new ConversationMessage();
                    row.conversationId = conversation.id;
                    row.tenantId = conversation.tenantId;
                    row.channelId = channel.id;
                    row.customerId = conversation.customerId;
                    row.sender = Sender.SYSTEM;
                    row.externalId = externalId;
                    row.eventId = context.id();
                    row.kind = KIND;
                    row.payload = EventJson.write(mapper, payload);
                    row.language = language;
                    row.text = text(event.type(), language);
                    row.agentId = event.agentId();
                    row.published = true;
                    row.createdAt = now;
                    conversation.lastMessageAt = now;
                    Uni<Void> saved = row.persistAndFlush().replaceWithVoid();
                    if (!ReplyService.isPushed(channel)) {
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
                        delivery.nextAttemptAt = now.minusSeconds(1); // due at once, whatever the database's clock
                        delivery.createdAt = now;
                        return delivery.persist().replaceWithVoid();
                    });
                });
    }

    /** The call of the conversation's latest customer message that names one. */
    private String latestCallId(List<ConversationMessage> newestFirst) {
        for (ConversationMessage line : newestFirst) {
            if (line.sender == Sender.CUSTOMER && line.payload != null) {
                try {
                    JsonNode call = mapper.readTree(line.payload).path("call").path("callId");
                    if (call.isTextual()) {
                        return call.asText();
                    }
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored payload of message " + line.id + " is not JSON", e);
                }
            }
        }
        return null;
    }

    private static String latestLanguage(List<ConversationMessage> newestFirst) {
        for (ConversationMessage line : newestFirst) {
            if (line.sender != Sender.CUSTOMER && line.language != null) {
                return line.language.startsWith("en") ? "en" : "zh";
            }
        }
        return "zh";
    }

    static String text(HandoffEvent.Type type, String language) {
        boolean english = "en".equals(language);
        if (type == HandoffEvent.Type.AGENT_ASSIGNED) {
            return english ? "You are now connected to an agent." : "已为您接通人工客服。";
        }
        return english ? "Transferring you to an agent, please hold." : "正在为您转接人工客服，请稍候。";
    }
}
