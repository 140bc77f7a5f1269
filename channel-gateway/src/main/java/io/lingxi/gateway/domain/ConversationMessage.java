package io.lingxi.gateway.domain;

import io.lingxi.contracts.events.Sender;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One line of a conversation as the customer sees it: their own messages and the replies they received.
 * {@code externalId} is the channel's message id for a customer message and the reply id for a reply;
 * it is unique per channel, which is what removes duplicates.
 */
@Entity
@Table(name = "message")
public class ConversationMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    /** The channel's customer id, on customer messages. */
    @Column(name = "customer_id")
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Sender sender;

    @Column(name = "external_id", nullable = false)
    public String externalId;

    /** The id of the event that carried this message ({@code ce_id}). */
    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(nullable = false)
    public String text;

    /** text, image, file, location or event. */
    @Column(nullable = false)
    public String kind = "text";

    /** The structured part of the message (attachment, location, event, call) as JSON, or null. */
    public String payload;

    public String language;

    /** Quick-reply buttons of a reply, as JSON. */
    @Column(name = "quick_replies")
    public String quickReplies;

    @Column(name = "in_reply_to")
    public String inReplyTo;

    @Column(name = "agent_id")
    public String agentId;

    /** For customer messages: whether the broker acknowledged its {@code cs.message.received.v1} event. */
    @Column(nullable = false)
    public boolean published;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Uni<ConversationMessage> findByExternalId(String channelId, String externalId) {
        return find("channelId = ?1 and externalId = ?2", channelId, externalId).firstResult();
    }

    public static Uni<List<ConversationMessage>> listConversation(String conversationId) {
        return list("conversationId = ?1 order by id", conversationId);
    }

    public static Uni<ConversationMessage> latestFromCustomer(String conversationId) {
        return find("conversationId = ?1 and sender = ?2 order by id desc", conversationId, Sender.CUSTOMER)
                .firstResult();
    }

    public static Uni<List<ConversationMessage>> listUnpublished(Instant before, int limit) {
        return find("sender = ?1 and published = false and createdAt < ?2 order by id", Sender.CUSTOMER, before)
                .page(0, limit).list();
    }
}
