package io.lingxi.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.lingxi.contracts.EventTypes;
import java.time.Instant;
import java.util.Locale;

/**
 * A change of a conversation's handoff state. Topic {@code cs.handoff.event.v1}, key conversationId;
 * {@code ce_type} is {@code cs.handoff.} followed by the lower-case type.
 *
 * @param position   place in the queue (1 = next), for {@code QUEUED}
 * @param waitMillis time from the request to this event
 * @param firstResponseMillis for {@code CLOSED}, {@code TRANSFERRED} and {@code RETURNED_TO_BOT}: time from the
 *                   assignment to the agent's first message, null when the agent never wrote
 * @param handleMillis for {@code CLOSED}, {@code TRANSFERRED} and {@code RETURNED_TO_BOT}: time from the
 *                   assignment to this event
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HandoffEvent(
        Type type,
        String tenantId,
        String channelId,
        String conversationId,
        String queueEntryId,
        String reason,
        String skillGroup,
        Integer position,
        String agentId,
        String note,
        Long waitMillis,
        Instant occurredAt,
        Long firstResponseMillis,
        Long handleMillis) {

    public enum Type {
        QUEUED, OFFERED, AGENT_ASSIGNED, TRANSFERRED, RETURNED_TO_BOT, CLOSED
    }

    /** An event without agent timings. */
    public HandoffEvent(Type type, String tenantId, String channelId, String conversationId, String queueEntryId,
            String reason, String skillGroup, Integer position, String agentId, String note, Long waitMillis,
            Instant occurredAt) {
        this(type, tenantId, channelId, conversationId, queueEntryId, reason, skillGroup, position, agentId, note,
                waitMillis, occurredAt, null, null);
    }

    public String ceType() {
        return EventTypes.HANDOFF_PREFIX + type.name().toLowerCase(Locale.ROOT);
    }
}
