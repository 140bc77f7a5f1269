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
import io.lingxi.handoff.domain.Agent;
import io.lingxi.handoff.domain.AgentPicker;
import io.lingxi.handoff.domain.OutboxEvent;
import io.lingxi.handoff.domain.TranscriptLine;
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
    private final RoutingService routing;

    public HandoffRequestService(ObjectMapper mapper, RoutingService routing) {
        this.mapper = mapper;
        this.routing = routing;
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
        return QueueEntry.findActive(request.tenantId(), request.conversationId()).flatMap(active -> {
            if (active != null && !QueueEntry.WAITING.equals(active.status)) {
                // already offered to or with an agent: the agent sees the customer's messages, nothing to say
                Log.infof("Conversation %s of tenant %s asked for a human while %s", active.conversationId,
                        active.tenantId, active.status.toLowerCase(java.util.Locale.ROOT));
                return ProcessedEvent.of(context.id(), now).persist().replaceWith(List.<OutboxEvent>of());
            }
            boolean joins = active == null;
            Uni<QueueEntry> entry = joins
                    ? stronglyNegative(request).flatMap(negative -> newEntry(context, request, negative, now)
                            .<QueueEntry>persistAndFlush())
                    : Uni.createFrom().item(active);
            return entry.flatMap(e -> QueueEntry.listWaiting(e.tenantId, e.skillGroup)
                    .flatMap(queue -> Agent.listOfTenant(e.tenantId).flatMap(agents -> {
                        int position = QueueOrder.position(e, queue);
                        e.toldPosition = position;
                        QueueMessages.Absence absence = AgentPicker.absence(e.skillGroup, agents, now);
                        String text = QueueMessages.queued(e.language, position - 1,
                                routing.estimatedMinutes(position, e.skillGroup, agents, now), absence);
                        List<OutboxEvent> rows = new ArrayList<>();
                        rows.add(queuedReply(context, request, text, now));
                        List<PanacheEntityBase> stored = new ArrayList<>(rows);
                        if (joins) {
                            rows.add(queuedEvent(context, e, position, now));
                            stored.add(rows.get(1));
                            stored.addAll(summaryLines(context, request, now));
                            Log.infof("Conversation %s of tenant %s joined queue %s at position %d", e.conversationId,
                                    e.tenantId, e.skillGroup, position);
                        } else {
                            Log.infof("Conversation %s of tenant %s asked again; it waits at position %d",
                                    e.conversationId, e.tenantId, position);
                        }
                        stored.add(ProcessedEvent.of(context.id(), now));
                        return PanacheEntityBase.persist(stored).replaceWith(rows);
                    })));
        });
    }

    /** The conversation's customer lines so far include a strongly negative one. */
    private static Uni<Boolean> stronglyNegative(HandoffRequested request) {
        if ("negative_sentiment".equals(request.reason())) {
            return Uni.createFrom().item(true);
        }
        return TranscriptLine.count("tenantId = ?1 and conversationId = ?2 and sender = 'CUSTOMER' and sentiment <= ?3",
                request.tenantId(), request.conversationId(), QueueOrder.STRONGLY_NEGATIVE).map(n -> n > 0);
    }

    /** The summary's last messages, so the agent sees them even before the live lines arrive. */
    private List<TranscriptLine> summaryLines(EventContext context, HandoffRequested request, Instant now) {
        List<TranscriptLine> lines = new ArrayList<>();
        if (request.summary() == null || request.summary().lastMessages() == null) {
            return lines;
        }
        int i = 0;
        for (io.lingxi.contracts.events.TranscriptLine message : request.summary().lastMessages()) {
            if (message == null || message.text() == null) {
                continue;
            }
            TranscriptLine line = new TranscriptLine();
            line.id = TranscriptLine.SUMMARY_PREFIX + context.id() + ":" + i++;
            line.tenantId = request.tenantId();
            line.conversationId = request.conversationId();
            line.sender = message.sender() != null ? message.sender().name() : "CUSTOMER";
            line.text = message.text().length() > 4000 ? message.text().substring(0, 4000) : message.text();
            line.language = request.language();
            // without a time, summary lines sit just before the request, in their order
            Instant asked = request.requestedAt() != null ? request.requestedAt() : now;
            line.at = (message.at() != null ? message.at()
                    : asked.minusMillis(request.summary().lastMessages().size() - i)).truncatedTo(ChronoUnit.MICROS);
            lines.add(line);
        }
        return lines;
    }

    private QueueEntry newEntry(EventContext context, HandoffRequested request, boolean negative, Instant now) {
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
        entry.correlationId = context.correlationId();
        entry.channelType = request.channelType();
        entry.callId = request.callId();
        entry.vip = request.customer() != null && request.customer().vip();
        entry.customerJson = request.customer() == null ? null : EventJson.write(mapper, request.customer());
        entry.summaryJson = request.summary() == null ? null : EventJson.write(mapper, request.summary());
        boolean complaint = "complaint".equals(entry.reason) || entry.skillGroup.startsWith("complaint");
        entry.rank = QueueOrder.rank(complaint, entry.vip, negative);
        return entry;
    }

    /** Tells the customer they are queued and how many are ahead of them. */
    private OutboxEvent queuedReply(EventContext context, HandoffRequested request, String text, Instant now) {
        String language = orDefault(request.language(), DEFAULT_LANGUAGE);
        String replyId = EventIds.derive(context.id(), "queued-reply");
        ReplyCreated reply = new ReplyCreated(replyId, request.tenantId(), request.channelId(),
                request.conversationId(), request.customerId(), request.messageId(), Sender.SYSTEM, null, language,
                text, List.of(), now);
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
