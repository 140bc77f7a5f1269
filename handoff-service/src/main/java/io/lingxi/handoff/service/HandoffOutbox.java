package io.lingxi.handoff.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.EventIds;
import io.lingxi.contracts.EventTypes;
import io.lingxi.contracts.Topics;
import io.lingxi.contracts.events.HandoffEvent;
import io.lingxi.contracts.events.ReplyCreated;
import io.lingxi.contracts.events.Sender;
import io.lingxi.contracts.messaging.EventJson;
import io.lingxi.handoff.domain.OutboxEvent;
import io.lingxi.handoff.domain.QueueEntry;
import io.lingxi.handoff.domain.TranscriptLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Builds the outbox rows of handoff state changes decided outside a consumed event (routing, agent actions): a
 * {@code cs.handoff.event.v1} event or a {@code cs.reply.v1} message, each under a fresh id that the row keeps for
 * every re-send.
 */
@ApplicationScoped
public class HandoffOutbox {

    private final ObjectMapper mapper;

    public HandoffOutbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A handoff state change of {@code entry}: {@code waitMillis} from the request to now (the contract's meaning);
     * with {@code agentTimings}, first-response and handle times of the agent who held it until now.
     */
    public OutboxEvent event(HandoffEvent.Type type, QueueEntry entry, Integer position, String agentId, String note,
            boolean agentTimings, Instant now) {
        Long wait = millis(entry.requestedAt, now);
        Long firstResponse = agentTimings && entry.assignedAt != null && entry.firstResponseAt != null
                ? millis(entry.assignedAt, entry.firstResponseAt) : null;
        Long handle = agentTimings && entry.assignedAt != null ? millis(entry.assignedAt, now) : null;
        HandoffEvent event = new HandoffEvent(type, entry.tenantId, entry.channelId, entry.conversationId, entry.id,
                entry.reason, entry.skillGroup, position, agentId, note, wait, now, firstResponse, handle);
        String id = EventIds.random();
        return row(id, Topics.HANDOFF_EVENT, event.ceType(), entry, EventJson.write(mapper, event), now);
    }

    /** A message to the customer of {@code entry}; returns the row and the transcript line to store with it. */
    public Reply reply(QueueEntry entry, Sender sender, String agentId, String text, Instant now) {
        String id = EventIds.random();
        ReplyCreated reply = new ReplyCreated(id, entry.tenantId, entry.channelId, entry.conversationId,
                entry.customerId, null, sender, agentId, entry.language, text, List.of(), now);
        TranscriptLine line = new TranscriptLine();
        line.id = TranscriptService.replyLineId(id);
        line.tenantId = entry.tenantId;
        line.conversationId = entry.conversationId;
        line.sender = sender.name();
        line.agentId = agentId;
        line.text = text;
        line.language = entry.language;
        line.at = now;
        return new Reply(row(id, Topics.REPLY, EventTypes.REPLY_CREATED, entry, EventJson.write(mapper, reply), now),
                line);
    }

    /** An outgoing reply and its transcript line. */
    public record Reply(OutboxEvent row, TranscriptLine line) {
    }

    private static OutboxEvent row(String id, String topic, String ceType, QueueEntry entry, String payload,
            Instant now) {
        OutboxEvent row = new OutboxEvent();
        row.id = id;
        row.inputEventId = id;
        row.topic = topic;
        row.kafkaKey = entry.conversationId;
        row.ceType = ceType;
        row.tenantId = entry.tenantId;
        row.correlationId = entry.correlationId;
        row.payload = payload;
        row.createdAt = now;
        return row;
    }

    static Long millis(Instant from, Instant to) {
        return from == null || to == null ? null : Math.max(0, Duration.between(from, to).toMillis());
    }
}
