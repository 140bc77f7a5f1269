package io.lingxi.handoff.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.contracts.events.HandoffEvent;
import io.lingxi.contracts.events.HandoffRequested;
import io.lingxi.contracts.events.HandoffRequested.Priority;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.events.Sender;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.handoff.domain.OutboxEvent;
import io.lingxi.handoff.domain.ProcessedEvent;
import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.handoff.domain.QueueMessages;
import io.lingxi.handoff.domain.QueueOrder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts conversations that asked for a human in their queue. Everything a request changes — the queue entry,
 * the events to send (outbox) and the record that the request was handled — commits in one transaction, so a
 * redelivered request changes nothing and only re-sends what is still unsent, under the same event ids.
 */
@ApplicationScoped
public class HandoffRequestService {

    public static final String SOURCE = "handoff-service";
    public static final String DEFAULT_SKILL_GROUP = "general";
    public static final String DEFAULT_REASON = "customer_request";
    public static final String DEFAULT_LANGUAGE = "zh";

    private final ObjectMapper mapper;

    public HandoffRequestService(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Handles the request {@code context.id()} once; returns the outbox rows of that request still to be sent
     * (all of them the first time, those never acknowledged by the broker on a redelivery).
     */
    public Uni<List<OutboxEvent>> handle(EventContext context, HandoffRequested request) {
        return Panache.withTransaction(() -> ProcessedEvent.<ProcessedEvent>findById(context.id())
                .flatMap(processed -> processed != null
                        ? OutboxEvent.listUnpublishedOf(context.id())
                        : enqueue(context, request)));
    }

    private Uni<List<OutboxEvent>> enqueue(EventContext context, HandoffRequested request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return QueueEntry.findWaiting(request.tenantId(), request.conversationId()).flatMap(waiting -> {
            boolean joins = waiting == null;
            Uni<QueueEntry> entry = joins
                    ? newEntry(context, request, now).<QueueEntry>persistAndFlush()
                    : Uni.createFrom().item(waiting);
            return entry.flatMap(e -> QueueEntry.listWaiting(e.tenantId, e.skillGroup)
                    .flatMap(queue -> {
                        int position = QueueOrder.position(e, queue);
                        List<OutboxEvent> rows = new ArrayList<>();
                        rows.add(queuedReply(context, request, position, now));
                        if (joins) {
                            rows.add(queuedEvent(context, e, position, now));
                            Log.infof("Conversation %s of tenant %s joined queue %s at position %d", e.conversationId,
                                    e.tenantId, e.skillGroup, position);
                        } else {
                            Log.infof("Conversation %s of tenant %s asked again; it waits at position %d",
                                    e.conversationId, e.tenantId, position);
                        }
                        return PanacheEntityBase.persist(rows)
                                .chain(() -> ProcessedEvent.of(context.id(), now).persist())
                                .replaceWith(rows);
                    }));
        });
    }

    private static QueueEntry newEntry(EventContext context, HandoffRequested request, Instant now) {
        QueueEntry entry = new QueueEntry();
        entry.id = EventIds.derive(context.id(), "queue-entry");
        entry.tenantId = request.tenantId();
        entry.conversationId = request.conversationId();
        entry.channelId = request.channelId();
        entry.customerId = request.customerId();
        entry.messageId = request.messageId();
        entry.reason = orDefault(request.reason(), DEFAULT_REASON);
        entry.skillGroup = orDefault(request.skillGroup(), DEFAULT_SKILL_GROUP);
        entry.priority = request.priority() != null ? request.priority() : Priority.NORMAL;
        entry.language = orDefault(request.language(), DEFAULT_LANGUAGE);
        entry.status = QueueEntry.WAITING;
        entry.requestedAt = (request.requestedAt() != null ? request.requestedAt() : now).truncatedTo(ChronoUnit.MICROS);
        entry.requestEventId = context.id();
        return entry;
    }

    /** Tells the customer they are queued and how many are ahead of them. */
    private OutboxEvent queuedReply(EventContext context, HandoffRequested request, int position, Instant now) {
        String language = orDefault(request.language(), DEFAULT_LANGUAGE);
        String replyId = EventIds.derive(context.id(), "queued-reply");
        ReplyCreated reply = new ReplyCreated(replyId, request.tenantId(), request.channelId(),
                request.conversationId(), request.customerId(), request.messageId(), Sender.SYSTEM, null, language,
                QueueMessages.queued(language, position - 1), List.of(), now);
        return outbox(context, replyId, Topics.REPLY, EventTypes.REPLY_CREATED, request.conversationId(),
                request.tenantId(), EventJson.write(mapper, reply), now);
    }

    private OutboxEvent queuedEvent(EventContext context, QueueEntry entry, int position, Instant now) {
        HandoffEvent event = new HandoffEvent(HandoffEvent.Type.QUEUED, entry.tenantId, entry.channelId,
                entry.conversationId, entry.id, entry.reason, entry.skillGroup, position, null, null,
                Math.max(0, Duration.between(entry.requestedAt, now).toMillis()), now);
        return outbox(context, EventIds.derive(context.id(), "queued"), Topics.HANDOFF_EVENT, event.ceType(),
                entry.conversationId, entry.tenantId, EventJson.write(mapper, event), now);
    }

    private static OutboxEvent outbox(EventContext context, String id, String topic, String ceType, String key,
            String tenantId, String payload, Instant now) {
        OutboxEvent row = new OutboxEvent();
        row.id = id;
        row.inputEventId = context.id();
        row.topic = topic;
        row.kafkaKey = key;
        row.ceType = ceType;
        row.tenantId = tenantId;
        row.correlationId = context.correlationId();
        row.payload = payload;
        row.createdAt = now;
        return row;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
