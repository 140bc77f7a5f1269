package io.lingxi.analytics.service;

import io.lingxi.analytics.domain.Counter;
import io.lingxi.analytics.domain.Metric;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Counts events once each. Recording the event id and moving the counters commit together, and the counters move
 * only when the id was new, so a redelivered event never counts twice.
 */
@ApplicationScoped
public class CounterService {

    private static final String RECORD_EVENT = "INSERT INTO processed_event (event_id, processed_at) VALUES (?1, now()) "
            + "ON CONFLICT (event_id) DO NOTHING";
    private static final String INCREMENT = "INSERT INTO counter (tenant_id, channel_id, metric, value) "
            + "VALUES (?1, ?2, ?3, 1) "
            + "ON CONFLICT (tenant_id, channel_id, metric) DO UPDATE SET value = counter.value + 1";

    /** The counts of one channel; {@code counts} has every metric, zero when nothing was counted. */
    public record ChannelCounts(String channelId, Map<Metric, Long> counts) {
    }

    /**
     * Adds one to each of {@code metrics} for the channel, unless the event {@code eventId} was counted before.
     *
     * @return whether the event was new
     */
    public Uni<Boolean> count(String eventId, String tenantId, String channelId, List<Metric> metrics) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(RECORD_EVENT).setParameter(1, eventId).executeUpdate()
                .flatMap(inserted -> inserted == 0
                        ? Uni.createFrom().item(false)
                        : increment(session, tenantId, channelId, metrics).replaceWith(true))));
    }

    private static Uni<Void> increment(Mutiny.Session session, String tenantId, String channelId, List<Metric> metrics) {
        // one statement after the other: a reactive session runs one operation at a time
        return Multi.createFrom().iterable(metrics)
                .onItem().transformToUniAndConcatenate(metric -> session.createNativeQuery(INCREMENT)
                        .setParameter(1, tenantId)
                        .setParameter(2, channelId)
                        .setParameter(3, metric.column)
                        .executeUpdate())
                .collect().last()
                .replaceWithVoid();
    }

    /** Every channel of the tenant that has a count, by channel id. */
    public Uni<List<ChannelCounts>> channels(String tenantId) {
        return Panache.withSession(() -> Counter.listOfTenant(tenantId)).map(rows -> {
            Map<String, Map<Metric, Long>> byChannel = new TreeMap<>();
            for (Counter row : rows) {
                Metric metric = Metric.ofColumn(row.id.metric);
                if (metric != null) {
                    byChannel.computeIfAbsent(row.id.channelId, c -> zeros()).put(metric, row.amount);
                }
            }
            return byChannel.entrySet().stream().map(e -> new ChannelCounts(e.getKey(), e.getValue())).toList();
        });
    }

    private static Map<Metric, Long> zeros() {
        Map<Metric, Long> counts = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            counts.put(metric, 0L);
        }
        return counts;
    }
}
