package io.lingxi.analytics.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Business KPIs as Prometheus gauges, read from the aggregates (so they survive restarts and agree with the API):
 * {@code lingxi_analytics_kpi_count{tenant,channel,metric}} and {@code lingxi_analytics_kpi_total{…}} (sums such
 * as wait milliseconds or survey scores).
 */
@ApplicationScoped
public class KpiGauges {

    private final AnalyticsQueries queries;
    private final MultiGauge counts;
    private final MultiGauge totals;

    public KpiGauges(AnalyticsQueries queries, MeterRegistry registry) {
        this.queries = queries;
        this.counts = MultiGauge.builder("lingxi.analytics.kpi.count")
                .description("All-time count of a KPI per tenant and channel").register(registry);
        this.totals = MultiGauge.builder("lingxi.analytics.kpi.total")
                .description("All-time sum of a KPI's values (milliseconds, scores) per tenant and channel")
                .register(registry);
    }

    @Scheduled(every = "${lingxi.analytics.metrics-refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return queries.allTimeTotals().invoke(rows -> {
            counts.register(rows.stream().map(r -> MultiGauge.Row.of(tags(r), r.count())).toList(), true);
            totals.register(rows.stream().map(r -> MultiGauge.Row.of(tags(r), r.total())).toList(), true);
        }).replaceWithVoid()
                // the next refresh tries again (say, while the database restarts or the service shuts down)
                .onFailure().invoke(e -> Log.debugf("KPI gauges not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static Tags tags(AnalyticsQueries.TenantTotal row) {
        return Tags.of("tenant", row.tenantId(), "channel", row.channelId(), "metric", row.metric());
    }
}
