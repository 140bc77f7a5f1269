package io.lingxi.analytics.api;

import io.lingxi.analytics.domain.Metric;
import io.lingxi.analytics.service.CounterService;
import io.lingxi.analytics.service.CounterService.ChannelCounts;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Counts of messages, replies and handoffs for analysts. */
@Path("/api/v1/analytics/summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
public class SummaryResource {

    private final CounterService counters;
    private final CallerTenant tenant;

    public SummaryResource(CounterService counters, CallerTenant tenant) {
        this.counters = counters;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({ "analyst", "admin" })
    @Operation(summary = "Counts so far", description = "Customer messages, replies (and those by agents) and "
            + "handoffs to agents of the caller's tenant, in total and per channel. Each event counts once.")
    @APIResponse(responseCode = "200", description = "The counts")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The token's roles allow no analytics access")
    public Uni<Summary> summary() {
        String tenantId = tenant.id();
        return counters.channels(tenantId).map(channels -> summary(tenantId, channels));
    }

    private static Summary summary(String tenantId, List<ChannelCounts> channels) {
        List<Summary.Channel> rows = channels.stream().map(c -> new Summary.Channel(c.channelId(),
                c.counts().get(Metric.MESSAGES), c.counts().get(Metric.REPLIES), c.counts().get(Metric.AGENT_REPLIES),
                c.counts().get(Metric.HANDOFFS))).toList();
        return new Summary(tenantId, new Summary.Totals(
                rows.stream().mapToLong(Summary.Channel::messages).sum(),
                rows.stream().mapToLong(Summary.Channel::replies).sum(),
                rows.stream().mapToLong(Summary.Channel::agentReplies).sum(),
                rows.stream().mapToLong(Summary.Channel::handoffs).sum()), rows);
    }
}
