package io.lingxi.handoff.domain;

import io.lingxi.contracts.events.HandoffRequested.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order in which a queue is served: customers put back after their agent left first, then higher priority
 * (URGENT, HIGH, NORMAL), then complaint, VIP and strongly negative sentiment ({@link QueueEntry#rank}), then the
 * earlier request, then the entry id so that the order is total.
 */
public final class QueueOrder {

    private QueueOrder() {
    }

    public static <T> Comparator<T> comparator(Function<T, Priority> priority, Function<T, Instant> requestedAt,
            Function<T, String> id) {
        return Comparator.<T>comparingInt(e -> rank(priority.apply(e))).reversed()
                .thenComparing(requestedAt)
                .thenComparing(id);
    }

    public static final Comparator<QueueEntry> ENTRIES = Comparator.<QueueEntry, Boolean>comparing(e -> !e.requeued)
            .thenComparing(Comparator.<QueueEntry>comparingInt(e -> rank(e.priority)).reversed())
            .thenComparing(Comparator.<QueueEntry>comparingInt(e -> e.rank).reversed())
            .thenComparing(e -> e.requestedAt)
            .thenComparing(e -> e.id);

    /** Rank points of a complaint; a complaint outranks a VIP, who outranks a strongly negative customer. */
    public static final int COMPLAINT = 4;
    public static final int VIP = 2;
    public static final int NEGATIVE = 1;

    /** Sentiment at or below this counts as strongly negative. */
    public static final double STRONGLY_NEGATIVE = -0.6;

    /** The rank points of an entry (beyond its priority). */
    public static int rank(boolean complaint, boolean vip, boolean stronglyNegative) {
        return (complaint ? COMPLAINT : 0) + (vip ? VIP : 0) + (stronglyNegative ? NEGATIVE : 0);
    }

    /** The 1-based place of {@code entry} in {@code queue} (one tenant and skill group, which contains it). */
    public static int position(QueueEntry entry, List<QueueEntry> queue) {
        return 1 + (int) queue.stream().filter(other -> !other.id.equals(entry.id))
                .filter(other -> ENTRIES.compare(other, entry) < 0)
                .count();
    }

    /** An entry with its 1-based place in its own queue (tenant and skill group). */
    public record Placed(QueueEntry entry, int position) {
    }

    /**
     * Places every entry in its own skill group's queue; the result is ordered by position, then as the queues
     * would be served (priority, request time), so the next customers of every queue come first.
     */
    public static List<Placed> place(List<QueueEntry> entries) {
        Map<String, Integer> seen = new HashMap<>();
        List<Placed> placed = new ArrayList<>();
        entries.stream().sorted(ENTRIES).forEach(entry -> placed.add(
                new Placed(entry, seen.merge(entry.tenantId + "/" + entry.skillGroup, 1, Integer::sum))));
        placed.sort(Comparator.comparingInt(Placed::position)
                .thenComparing(Placed::entry, ENTRIES)
                .thenComparing(p -> p.entry().skillGroup));
        return placed;
    }

    static int rank(Priority priority) {
        return switch (priority == null ? Priority.NORMAL : priority) {
            case URGENT -> 2;
            case HIGH -> 1;
            case NORMAL -> 0;
        };
    }
}
