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

/** Reads the foundation counters (moved by {@link Ledger}, once per event). */
@ApplicationScoped
public class CounterService {

    /** The counts of one channel; {@code counts} has every metric, zero when nothing was counted. */
    public record ChannelCounts(String channelId, Map<Metric, Long> counts) {
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
