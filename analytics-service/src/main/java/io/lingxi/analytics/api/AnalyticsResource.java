package io.lingxi.analytics.api;

import io.lingxi.analytics.service.AnalyticsQueries;
import io.lingxi.analytics.service.AnalyticsQueries.ConversationRow;
import io.lingxi.analytics.service.AnalyticsQueries.KpiRow;
import io.lingxi.analytics.service.AnalyticsQueries.LineRow;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** KPIs, masked transcripts and CSV exports for analysts; always of the caller's tenant. */
@Path("/api/v1/analytics")
@Tag(name = "Analytics")
@RolesAllowed({ "analyst", "admin" })
public class AnalyticsResource {

    private static final Set<String> GRANULARITIES = Set.of("hour", "day");
    private static final int MAX_CONVERSATIONS = 200;

    private final AnalyticsQueries queries;
    private final CallerTenant tenant;

    public AnalyticsResource(AnalyticsQueries queries, CallerTenant tenant) {
        this.queries = queries;
        this.tenant = tenant;
    }

    @GET
    @Path("/kpis")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "KPIs for a date range", description = "Totals and rates (containment, handoff, fallback), "
            + "satisfaction, sentiment, a series per hour or day, per channel, top intents, handoff reasons and "
            + "unanswered questions (masked). Filter by channel and intent; the intent filter keeps the KPIs that "
            + "carry an intent (messages understood, turns).")
    public Uni<KpiReport> kpis(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity, @QueryParam("channel") String channel,
            @QueryParam("intent") String intent) {
        String tenantId = tenant.id();
        DateRange range = DateRange.parse(from, to);
        String grain = granularity(granularity);
        return queries.kpis(tenantId, grain, range.from(), range.to(), blankToNull(channel), blankToNull(intent))
                .chain(rows -> queries.unanswered(tenantId, range.from(), range.to(), blankToNull(channel), 10)
                        .chain(questions -> queries.hotTopics(tenantId, range.from(), range.to(), blankToNull(channel), 10)
                                .map(topics -> KpiReport.of(tenantId, range, grain, rows, questions, topics))));
    }

    /**
     * What customers ask: the knowledge entries their questions hit most, and the questions nobody could answer,
     * grouped by normalised wording; all masked.
     */
    public record HotTopics(String tenantId, java.time.Instant from, java.time.Instant to,
            List<AnalyticsQueries.TopicRow> knowledge, List<AnalyticsQueries.QuestionRow> unanswered) {
    }

    @GET
    @Path("/hot-topics")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hot topics and unanswered questions", description = "The knowledge entries hit most often "
            + "(the top hit of answered and suggested questions) and the unanswered questions, grouped when they "
            + "differ only in form (punctuation, case, width, 请问/吗); masked. limit 1–100, default 20.")
    public Uni<HotTopics> hotTopics(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("channel") String channel, @QueryParam("limit") Integer limit) {
        String tenantId = tenant.id();
        DateRange range = DateRange.parse(from, to);
        int max = limit == null ? 20 : limit;
        if (max < 1 || max > 100) {
            throw ProblemException.badRequest("'limit' must be 1 to 100.");
        }
        return queries.hotTopics(tenantId, range.from(), range.to(), blankToNull(channel), max)
                .chain(topics -> queries.unanswered(tenantId, range.from(), range.to(), blankToNull(channel), max)
                        .map(questions -> new HotTopics(tenantId, range.from(), range.to(), topics, questions)));
    }

    @GET
    @Path("/conversations")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Masked transcripts", description = "Conversations started in the range, newest first, with "
            + "their lines; personal data masked, customer and conversation ids hashed.")
    public Uni<List<ConversationRow>> conversations(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("channel") String channel, @QueryParam("intent") String intent,
            @QueryParam("handedOff") Boolean handedOff, @QueryParam("csat") Integer csat,
            @QueryParam("limit") Integer limit) {
        String tenantId = tenant.id();
        DateRange range = DateRange.parse(from, to);
        if (csat != null && (csat < 1 || csat > 5)) {
            throw ProblemException.badRequest("'csat' must be a score from 1 to 5.");
        }
        int max = limit == null ? 50 : limit;
        if (max < 1 || max > MAX_CONVERSATIONS) {
            throw ProblemException.badRequest("'limit' must be 1 to " + MAX_CONVERSATIONS + ".");
        }
        return queries.conversations(tenantId, range.from(), range.to(), blankToNull(channel), blankToNull(intent),
                handedOff, csat, max);
    }

    @GET
    @Path("/export/kpis.csv")
    @Produces("text/csv")
    @Operation(summary = "KPIs as CSV", description = "One row per bucket, channel, intent, metric and dimension.")
    public Uni<RestResponse<String>> kpisCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity) {
        String tenantId = tenant.id();
        DateRange range = DateRange.parse(from, to);
        return queries.kpis(tenantId, granularity(granularity), range.from(), range.to(), null, null).map(rows -> {
            StringBuilder csv = new StringBuilder("bucket,channel,intent,metric,dimension,count,total\n");
            for (KpiRow r : rows) {
                Csv.row(csv, r.bucket().toString(), r.channelId(), r.intent(), r.metric(), r.dimension(),
                        String.valueOf(r.count()), String.valueOf(r.total()));
            }
            return csv(csv, "kpis.csv");
        });
    }

    @GET
    @Path("/export/transcripts.csv")
    @Produces("text/csv")
    @Operation(summary = "Masked transcripts as CSV", description = "One row per line of the conversations started in "
            + "the range (at most 200 conversations, newest first).")
    public Uni<RestResponse<String>> transcriptsCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("channel") String channel) {
        String tenantId = tenant.id();
        DateRange range = DateRange.parse(from, to);
        return queries.conversations(tenantId, range.from(), range.to(), blankToNull(channel), null, null, null,
                MAX_CONVERSATIONS).map(conversations -> {
                    StringBuilder csv = new StringBuilder(
                            "conversation,channel,customer,started_at,handed_off,csat,at,sender,intent,sentiment,text\n");
                    for (ConversationRow c : conversations) {
                        for (LineRow l : c.lines()) {
                            Csv.row(csv, c.conversationHash(), c.channelId(), c.customerHash(), c.startedAt().toString(),
                                    String.valueOf(c.handedOff()), c.csat() == null ? "" : c.csat().toString(),
                                    l.at().toString(), l.sender(), l.intent(), l.sentiment(), l.text());
                        }
                    }
                    return csv(csv, "transcripts.csv");
                });
    }

    private static RestResponse<String> csv(StringBuilder csv, String name) {
        return RestResponse.ResponseBuilder.ok(csv.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static String granularity(String value) {
        String grain = value == null || value.isBlank() ? "day" : value;
        if (!GRANULARITIES.contains(grain)) {
            throw ProblemException.badRequest("'granularity' must be hour or day.");
        }
        return grain;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
