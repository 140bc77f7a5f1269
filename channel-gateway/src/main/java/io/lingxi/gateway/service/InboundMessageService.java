package io.lingxi.gateway.service;

import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.events.MessageReceived;
import io.lingxi.contracts.events.Sender;
import io.lingxi.gateway.api.ProblemException;
import io.lingxi.gateway.config.GatewayConfig;
import io.lingxi.gateway.domain.Channel;
import io.lingxi.gateway.domain.Conversation;
import io.lingxi.gateway.domain.ConversationMessage;
import io.lingxi.gateway.domain.CustomerProfile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.gateway.messaging.MessageReceivedPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Accepts customer messages: stores each once per (channel, message id), then publishes it and waits for the
 * broker. A message stored but not yet acknowledged by the broker is published again by a client retry or
 * by the republisher, always under the same event id, so consumers see it once.
 */
@ApplicationScoped
public class InboundMessageService {

    /** What the caller gets back; {@code duplicate} when the message id had been accepted before. */
    public record Accepted(String conversationId, String messageId, boolean duplicate) {
    }

    private record Stored(ConversationMessage row, String channelType, boolean duplicate) {
    }

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final MessageReceivedPublisher publisher;
    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final Pool pool;
    private final ConversationSignals signals;

    public InboundMessageService(MessageReceivedPublisher publisher, GatewayConfig config, ObjectMapper mapper,
            Pool pool, ConversationSignals signals) {
        this.publisher = publisher;
        this.config = config;
        this.mapper = mapper;
        this.pool = pool;
        this.signals = signals;
    }

    public Uni<Accepted> accept(Channel channel, InboundMessage message) {
        return store(channel, message)
                // two concurrent first deliveries of one message id: the loser finds the winner's row
                .onFailure(ConstraintViolationException.class).recoverWithUni(() -> store(channel, message))
                .invoke(stored -> {
                    if (!stored.duplicate()) {
                        signals.signal(stored.row().conversationId); // committed: open streams show it now
                    }
                })
                .call(stored -> stored.row().published ? Uni.createFrom().voidItem()
                        : publish(stored.row(), stored.channelType()).onFailure().transform(e -> {
                            Log.warnf(e, "Could not publish message %s", stored.row().externalId);
                            return new ProblemException(503, "Service Unavailable",
                                    "The message was received but could not be queued yet; retry with the same messageId.");
                        }))
                .map(stored -> new Accepted(stored.row().conversationId, stored.row().externalId, stored.duplicate()));
    }

    private Uni<Stored> store(Channel channel, InboundMessage message) {
        return Panache.withTransaction(() -> ConversationMessage.findByExternalId(channel.id, message.messageId())
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().item(new Stored(existing, channel.type, true))
                        : insert(channel, message).map(row -> new Stored(row, channel.type, false))));
    }

    private Uni<ConversationMessage> insert(Channel channel, InboundMessage message) {
        Instant now = Instant.now();
        return Conversation.findLatest(channel.id, message.customerId()).flatMap(found -> {
            Conversation conversation = found;
            if (conversation == null) {
                conversation = new Conversation();
                conversation.id = EventIds.random();
                conversation.tenantId = channel.tenantId;
                conversation.channelId = channel.id;
                conversation.customerId = message.customerId();
                conversation.startedAt = now;
            }
            conversation.lastMessageAt = now;
            ConversationMessage row = new ConversationMessage();
            row.conversationId = conversation.id;
            row.tenantId = channel.tenantId;
            row.channelId = channel.id;
            row.customerId = message.customerId();
            row.sender = Sender.CUSTOMER;
            row.externalId = message.messageId();
            row.eventId = EventIds.derive(channel.id, "message/" + message.messageId());
            row.text = message.text();
            row.kind = message.kind();
            row.payload = message.payload() == null || message.payload().isEmpty() ? null
                    : EventJson.write(mapper, message.payload());
            // events that only get recorded have nothing to publish
            row.published = !message.publish();
            row.createdAt = now;
            return conversation.persist().flatMap(c -> row.persistAndFlush())
                    .call(() -> saveProfile(channel, message))
                    .replaceWith(row);
        });
    }

    private static Uni<Void> saveProfile(Channel channel, InboundMessage message) {
        InboundMessage.Profile hints = message.profile();
        if (hints == null || (hints.name() == null && hints.vipLevel() == null && hints.externalId() == null)) {
            return Uni.createFrom().voidItem();
        }
        CustomerProfile.Key key = new CustomerProfile.Key(channel.id, message.customerId());
        return CustomerProfile.<CustomerProfile>findById(key).flatMap(found -> {
            CustomerProfile profile = found != null ? found : new CustomerProfile();
            profile.key = key;
            profile.tenantId = channel.tenantId;
            if (hints.name() != null) {
                profile.name = hints.name();
            }
            if (hints.vipLevel() != null) {
                profile.vipLevel = hints.vipLevel();
            }
            if (hints.externalId() != null) {
                profile.externalId = hints.externalId();
            }
            profile.updatedAt = Instant.now();
            return profile.persist().replaceWithVoid();
        });
    }

    /**
     * Publishes the stored message with its kind, structured payload, call id and the customer's stored profile
     * (every hint received so far, the latest of each field winning), read at publication time.
     */
    private Uni<Void> publish(ConversationMessage row, String channelType) {
        // read with the pool: the republisher comes here after another message's broker acknowledgement, on
        // whatever thread that completed on, where no Hibernate Reactive session may be used
        return pool.preparedQuery("SELECT name, vip_level, external_id FROM customer_profile "
                        + "WHERE channel_id = $1 AND customer_id = $2")
                .execute(Tuple.of(row.channelId, row.customerId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    var found = rows.iterator().next();
                    return new io.lingxi.contracts.events.CustomerProfile(found.getString("name"),
                            found.getString("vip_level"), found.getString("external_id"));
                })
                .flatMap(profile -> publish(row, channelType, profile));
    }

    private Uni<Void> publish(ConversationMessage row, String channelType,
            io.lingxi.contracts.events.CustomerProfile customer) {
        Map<String, Object> payload = payload(row);
        String callId = payload != null && payload.get("call") instanceof Map<?, ?> call
                && call.get("callId") instanceof String id ? id : null;
        MessageReceived event = new MessageReceived(row.externalId, row.tenantId, row.channelId, channelType,
                row.conversationId, row.customerId, row.text, row.createdAt, row.kind, payload, customer, callId);
        // After the broker's acknowledgement the work may continue on another thread or Vert.x context than the
        // request's, where a Hibernate Reactive session could be another request's (HHH000099 "possible
        // non-threadsafe access to session"): the flag is set with the pool, which needs no session.
        return publisher.publish(row.eventId, event)
                .call(() -> pool.preparedQuery("UPDATE message SET published = TRUE WHERE id = $1")
                        .execute(Tuple.of(row.id)))
                .invoke(() -> row.published = true)
                .replaceWithVoid();
    }

    private Map<String, Object> payload(ConversationMessage row) {
        if (row.payload == null) {
            return null;
        }
        try {
            return mapper.readValue(row.payload, PAYLOAD);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload of message " + row.id + " is not JSON", e);
        }
    }

    /** Publishes what was stored but never acknowledged by the broker (the broker was down, or we crashed). */
    @Scheduled(every = "${lingxi.gateway.republish-every:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> republishPending() {
        return Panache.withSession(() -> ConversationMessage.listUnpublished(
                        Instant.now().minus(config.republishAfter()), 100))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> pool.preparedQuery(
                                "SELECT type FROM channel WHERE id = $1").execute(Tuple.of(row.channelId))
                        .flatMap(channel -> publish(row, channel.iterator().next().getString("type")))
                        .invoke(() -> Log.infof("Republished message %s of conversation %s", row.externalId,
                                row.conversationId))
                        .onFailure().invoke(e -> Log.warnf("Republishing message %s failed: %s", row.externalId,
                                e.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }
}
