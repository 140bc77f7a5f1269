package io.lingxi.analytics.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** Reads of the analytics tables, always for one tenant. */
@ApplicationScoped
public class AnalyticsQueries {

    /** One KPI cell. */
    public record KpiRow(Instant bucket, String channelId, String intent, String metric, String dimension, long count,
            double total) {
    }

    /** A conversation with its masked transcript. */
    public record ConversationRow(String conversationHash, String channelId, String customerHash, Instant startedAt,
            boolean handedOff, Integer csat, List<LineRow> lines) {
    }

    public record LineRow(String sender, String text, String intent, String sentiment, Instant at) {
    }

    /**
     * A group of unanswered questions that differ only in form ({@code QuestionKey}): its most frequent wording
     * (masked), how often it was asked, and in how many wordings.
     */
    public record QuestionRow(String question, long count, long variants) {
    }

    /** A knowledge entry customers' questions hit first, with its question (masked) and how often. */
    public record TopicRow(String entryId, String question, long hits) {
    }

    private final Pool pool;

    public AnalyticsQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<KpiRow>> kpis(String tenantId, String granularity, Instant from, Instant to, String channel,
            String intent) {
        List<Object> params = new ArrayList<>(List.of(tenantId, granularity, utc(from), utc(to)));
        StringBuilder sql = new StringBuilder("SELECT bucket_start, channel_id, intent, metric, dimension, count, total "
                + "FROM kpi WHERE tenant_id = $1 AND granularity = $2 AND bucket_start >= $3 AND bucket_start < $4");
        if (channel != null) {
            params.add(channel);
            sql.append(" AND channel_id = $").append(params.size());
        }
        if (intent != null) {
            params.add(intent);
            sql.append(" AND intent = $").append(params.size());
        }
        sql.append(" ORDER BY bucket_start, channel_id, intent, metric, dimension");
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> stream(rows)
                .map(r -> new KpiRow(r.getOffsetDateTime(0).toInstant(), r.getString(1), r.getString(2), r.getString(3),
                        r.getString(4), r.getLong(5), r.getDouble(6)))
                .toList());
    }

    public Uni<List<QuestionRow>> unanswered(String tenantId, Instant from, Instant to, String channel, int limit) {
        List<Object> params = new ArrayList<>(List.of(tenantId, utc(from), utc(to)));
        StringBuilder sql = new StringBuilder("SELECT mode() WITHIN GROUP (ORDER BY question), count(*), "
                + "count(DISTINCT question) FROM unanswered_question "
                + "WHERE tenant_id = $1 AND asked_at >= $2 AND asked_at < $3");
        if (channel != null) {
            params.add(channel);
            sql.append(" AND channel_id = $").append(params.size());
        }
        params.add(limit);
        sql.append(" GROUP BY question_key ORDER BY count(*) DESC, 1 LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params))
                .map(rows -> stream(rows).map(r -> new QuestionRow(r.getString(0), r.getLong(1), r.getLong(2))).toList());
    }

    /** The knowledge entries hit most often in the range (hour buckets), most hit first. */
    public Uni<List<TopicRow>> hotTopics(String tenantId, Instant from, Instant to, String channel, int limit) {
        List<Object> params = new ArrayList<>(List.of(tenantId, utc(from), utc(to)));
        StringBuilder sql = new StringBuilder("SELECT k.dimension, COALESCE(e.question, ''), sum(k.count) FROM kpi k "
                + "LEFT JOIN knowledge_entry e ON e.tenant_id = k.tenant_id AND e.entry_id = k.dimension "
                + "WHERE k.tenant_id = $1 AND k.granularity = 'hour' AND k.metric = 'knowledge_hits' "
                + "AND k.bucket_start >= $2 AND k.bucket_start < $3");
        if (channel != null) {
            params.add(channel);
            sql.append(" AND k.channel_id = $").append(params.size());
        }
        params.add(limit);
        sql.append(" GROUP BY k.dimension, e.question ORDER BY 3 DESC, 1 LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params))
                .map(rows -> stream(rows).map(r -> new TopicRow(r.getString(0), r.getString(1), r.getLong(2))).toList());
    }

    public Uni<List<ConversationRow>> conversations(String tenantId, Instant from, Instant to, String channel,
            String intent, Boolean handedOff, Integer csat, int limit) {
        List<Object> params = new ArrayList<>(List.of(tenantId, utc(from), utc(to)));
        StringBuilder sql = new StringBuilder("SELECT c.conversation_hash, c.channel_id, c.customer_hash, c.started_at, "
                + "c.handed_off, c.csat FROM conversation c WHERE c.tenant_id = $1 AND c.started_at >= $2 "
                + "AND c.started_at < $3");
        if (channel != null) {
            params.add(channel);
            sql.append(" AND c.channel_id = $").append(params.size());
        }
        if (handedOff != null) {
            params.add(handedOff);
            sql.append(" AND c.handed_off = $").append(params.size());
        }
        if (csat != null) {
            params.add(csat);
            sql.append(" AND c.csat = $").append(params.size());
        }
        if (intent != null) {
            params.add(intent);
            sql.append(" AND EXISTS (SELECT 1 FROM transcript_line t WHERE t.tenant_id = c.tenant_id "
                    + "AND t.conversation_hash = c.conversation_hash AND t.intent = $").append(params.size()).append(')');
        }
        params.add(limit);
        sql.append(" ORDER BY c.started_at DESC, c.conversation_hash LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).chain(rows -> {
            List<Row> conversations = stream(rows).toList();
            if (conversations.isEmpty()) {
                return Uni.createFrom().item(List.<ConversationRow>of());
            }
            String[] hashes = conversations.stream().map(r -> r.getString(0)).toArray(String[]::new);
            return pool.preparedQuery("SELECT conversation_hash, sender, text, intent, sentiment, at FROM transcript_line "
                    + "WHERE tenant_id = $1 AND conversation_hash = ANY($2) ORDER BY at, line_id")
                    .execute(Tuple.of(tenantId, hashes))
                    .map(lines -> {
                        List<Row> all = stream(lines).toList();
                        return conversations.stream().map(c -> new ConversationRow(c.getString(0), c.getString(1),
                                c.getString(2), c.getOffsetDateTime(3).toInstant(), c.getBoolean(4),
                                c.getInteger(5) == 0 ? null : c.getInteger(5),
                                all.stream().filter(l -> l.getString(0).equals(c.getString(0)))
                                        .map(l -> new LineRow(l.getString(1), l.getString(2), l.getString(3),
                                                l.getString(4), l.getOffsetDateTime(5).toInstant()))
                                        .toList()))
                                .toList();
                    });
        });
    }

    /** A metric's all-time count and total for one channel of one tenant. */
    public record TenantTotal(String tenantId, String channelId, String metric, long count, double total) {
    }

    /** Totals per tenant, channel and metric over all time (day buckets), for the Prometheus gauges. */
    public Uni<List<TenantTotal>> allTimeTotals() {
        return pool.query("SELECT tenant_id, channel_id, metric, sum(count), sum(total) FROM kpi "
                + "WHERE granularity = 'day' GROUP BY tenant_id, channel_id, metric").execute()
                .map(rows -> stream(rows).map(r -> new TenantTotal(r.getString(0), r.getString(1), r.getString(2),
                        r.getLong(3), r.getDouble(4))).toList());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static java.util.stream.Stream<Row> stream(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        return StreamSupport.stream(rows.spliterator(), false);
    }
}
