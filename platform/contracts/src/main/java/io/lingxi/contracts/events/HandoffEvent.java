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
        Instant occurredAt) {

    public enum Type {
        QUEUED, OFFERED, AGENT_ASSIGNED, TRANSFERRED, RETURNED_TO_BOT, CLOSED
    }

    public String ceType() {
        return EventTypes.HANDOFF_PREFIX + type.name().toLowerCase(Locale.ROOT);
    }
}
