package io.lingxi.handoff.api;

import java.time.Instant;
import java.util.List;

/** A tenant's waiting customers, next ones first. */
public record QueueView(List<Entry> entries) {

    /**
     * One waiting conversation.
     *
     * @param position       its place in its skill group's queue, 1 = served next
     * @param priority       {@code URGENT}, {@code HIGH} or {@code NORMAL}
     * @param waitingSeconds how long the customer has waited since asking for a human
     */
    public record Entry(String conversationId, String channelId, String reason, String skillGroup, String priority,
            String language, int position, Instant requestedAt, long waitingSeconds) {
    }
}
