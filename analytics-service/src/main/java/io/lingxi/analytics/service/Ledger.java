package io.lingxi.analytics.service;

import io.lingxi.analytics.domain.Analysis;
import io.lingxi.analytics.domain.Analysis.Change;
import io.lingxi.analytics.domain.Analysis.ConversationSeen;
import io.lingxi.analytics.domain.Analysis.Count;
import io.lingxi.analytics.domain.Analysis.FirstMessage;
import io.lingxi.analytics.domain.Analysis.Kpi;
import io.lingxi.analytics.domain.Analysis.Line;
import io.lingxi.analytics.domain.Analysis.KnowledgeEntry;
import io.lingxi.analytics.domain.Analysis.ResponseHalf;
import io.lingxi.analytics.domain.Analysis.Unanswered;
import io.lingxi.analytics.domain.KpiNames;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes an {@link Analysis} to the analytics tables exactly once per event: the event id goes into
 * {@code processed_event} and the changes are applied in the same transaction, only when the id was new.
 * The tables live in {@code public}; a rebuild writes the same way into a schema of its own.
 */
@ApplicationScoped
public class Ledger {

    public static final String LIVE_SCHEMA = "public";
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int MAX_TEXT = 4000;

    private static final String RECORD_EVENT = "INSERT INTO processed_event (event_id, processed_at) VALUES ($1, now()) "
            + "ON CONFLICT (event_id) DO NOTHING";
    private static final String COUNT = "INSERT INTO counter (tenant_id, channel_id, metric, value) VALUES ($1, $2, $3, 1) "
            + "ON CONFLICT (tenant_id, channel_id, metric) DO UPDATE SET value = counter.value + 1";
    private static final String KPI = "INSERT INTO kpi (tenant_id, granularity, bucket_start, channel_id, intent, metric, "
            + "dimension, count, total) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            + "ON CONFLICT (tenant_id, granularity, bucket_start, channel_id, intent, metric, dimension) "
            + "DO UPDATE SET count = kpi.count + excluded.count, total = kpi.total + excluded.total";
    private static final String CONVERSATION = "INSERT INTO conversation (tenant_id, conversation_hash, channel_id, "
            + "customer_hash, started_at, handed_off, csat, counted) VALUES ($1, $2, $3, $4, $5, $6, $7, false) "
            + "ON CONFLICT (tenant_id, conversation_hash) DO UPDATE SET "
            + "customer_hash = CASE WHEN conversation.customer_hash = '' THEN excluded.customer_hash "
            + "ELSE conversation.customer_hash END, "
            + "started_at = LEAST(conversation.started_at, excluded.started_at), "
            + "handed_off = conversation.handed_off OR excluded.handed_off, "
            + "csat = CASE WHEN excluded.csat > 0 THEN excluded.csat ELSE conversation.csat END";
    private static final String FIRST_MESSAGE = "UPDATE conversation SET counted = true "
            + "WHERE tenant_id = $1 AND conversation_hash = $2 AND NOT counted";
    private static final String LINE = "INSERT INTO transcript_line (tenant_id, line_id, conversation_hash, channel_id, "
            + "sender, text, intent, sentiment, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            + "ON CONFLICT (tenant_id, line_id) DO UPDATE SET "
            + "text = CASE WHEN excluded.text <> '' THEN excluded.text ELSE transcript_line.text END, "
            + "intent = CASE WHEN excluded.intent <> '' THEN excluded.intent ELSE transcript_line.intent END, "
            + "sentiment = CASE WHEN excluded.sentiment <> '' THEN excluded.sentiment ELSE transcript_line.sentiment END";
    private static final String UNANSWERED = "INSERT INTO unanswered_question (event_id, tenant_id, channel_id, "
            + "conversation_hash, language, question, asked_at, question_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
            + "ON CONFLICT (event_id) DO NOTHING";
    /** Keeps the arrival and the first reply; both halves may come in either order (two topics). */
    private static final String MESSAGE_ARRIVED = "INSERT INTO bot_response (tenant_id, message_hash, channel_id, "
            + "received_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, message_hash) DO UPDATE SET "
            + "received_at = COALESCE(bot_response.received_at, excluded.received_at)";
    private static final String BOT_REPLIED = "INSERT INTO bot_response (tenant_id, message_hash, channel_id, "
            + "replied_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, message_hash) DO UPDATE SET "
            + "replied_at = COALESCE(bot_response.replied_at, excluded.replied_at)";
    private static final String RESPONSE_COMPLETE = "UPDATE bot_response SET counted = true WHERE tenant_id = $1 "
            + "AND message_hash = $2 AND NOT counted AND received_at IS NOT NULL AND replied_at IS NOT NULL "
            + "RETURNING channel_id, received_at, replied_at";
    /** The question of an entry's latest hit (ties: the greater text), so a replay in any order agrees. */
    private static final String KNOWLEDGE_ENTRY = "INSERT INTO knowledge_entry (tenant_id, entry_id, question, seen_at) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, entry_id) DO UPDATE SET "
            + "question = CASE WHEN excluded.seen_at > knowledge_entry.seen_at OR (excluded.seen_at = knowledge_entry.seen_at "
            + "AND excluded.question > knowledge_entry.question) THEN excluded.question ELSE knowledge_entry.question END, "
            + "seen_at = GREATEST(knowledge_entry.seen_at, excluded.seen_at)";

    private final Pool pool;

    public Ledger(Pool pool) {
        this.pool = pool;
    }

    /**
     * Applies {@code analysis} of event {@code eventId} to the tables of {@code schema}, unless that event was
     * applied there before.
     *
     * @return whether the event was new
     */
    public Uni<Boolean> apply(String schema, String eventId, Analysis analysis) {
        return pool.withTransaction(connection -> useSchema(connection, schema)
                .chain(() -> connection.preparedQuery(RECORD_EVENT).execute(Tuple.of(eventId)))
                .chain(recorded -> recorded.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : Multi.createFrom().iterable(analysis.changes())
                                .onItem().transformToUniAndConcatenate(change -> apply(connection, eventId, analysis, change))
                                .collect().last().replaceWith(true)));
    }

    /** Makes the statements of this transaction use the tables of {@code schema}. */
    static Uni<Void> useSchema(SqlConnection connection, String schema) {
        if (LIVE_SCHEMA.equals(schema)) {
            return Uni.createFrom().voidItem();
        }
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        return connection.query("SET LOCAL search_path TO " + schema).execute().replaceWithVoid();
    }

    private Uni<Void> apply(SqlConnection connection, String eventId, Analysis a, Change change) {
        OffsetDateTime at = OffsetDateTime.ofInstant(a.occurredAt(), ZoneOffset.UTC);
        // Java 17: no pattern matching in switch yet
        if (change instanceof Count count) {
            return connection.preparedQuery(COUNT)
                    .execute(Tuple.of(a.tenantId(), a.channelId(), count.metric().column)).replaceWithVoid();
        }
        if (change instanceof Kpi kpi) {
            return kpi(connection, a, kpi);
        }
        if (change instanceof ConversationSeen seen) {
            return connection.preparedQuery(CONVERSATION).execute(Tuple.from(List.of(
                    a.tenantId(), a.conversationHash(), a.channelId(), a.customerHash(), at, seen.handedOff(),
                    seen.csat()))).replaceWithVoid();
        }
        if (change instanceof FirstMessage) {
            return connection.preparedQuery(FIRST_MESSAGE)
                    .execute(Tuple.of(a.tenantId(), a.conversationHash()))
                    .chain(updated -> updated.rowCount() == 0 ? Uni.createFrom().voidItem()
                            : kpi(connection, a, Kpi.one(KpiNames.CONVERSATIONS, "", "")));
        }
        if (change instanceof Line line) {
            return connection.preparedQuery(LINE).execute(Tuple.from(List.of(a.tenantId(), line.lineId(),
                    a.conversationHash(), a.channelId(), line.sender(), clip(line.text()), line.intent(),
                    line.sentiment(), at))).replaceWithVoid();
        }
        if (change instanceof ResponseHalf half) {
            return connection.preparedQuery(half.reply() ? BOT_REPLIED : MESSAGE_ARRIVED)
                    .execute(Tuple.of(a.tenantId(), half.messageHash(), a.channelId(), at))
                    .chain(() -> connection.preparedQuery(RESPONSE_COMPLETE).execute(Tuple.of(a.tenantId(), half.messageHash())))
                    .chain(completed -> {
                        if (completed.rowCount() == 0) {
                            return Uni.createFrom().voidItem();
                        }
                        Row pair = completed.iterator().next();
                        Instant received = pair.getOffsetDateTime(1).toInstant();
                        long millis = Math.max(0, java.time.Duration.between(received,
                                pair.getOffsetDateTime(2).toInstant()).toMillis());
                        return kpi(connection, a.tenantId(), pair.getString(0), received,
                                new Kpi(KpiNames.BOT_FIRST_REPLY_MS, "", "", 1, millis));
                    });
        }
        if (change instanceof KnowledgeEntry entry) {
            return connection.preparedQuery(KNOWLEDGE_ENTRY).execute(Tuple.of(a.tenantId(), entry.entryId(),
                    clip(entry.question(), 1000), at)).replaceWithVoid();
        }
        Unanswered question = (Unanswered) change;
        return connection.preparedQuery(UNANSWERED).execute(Tuple.from(List.of(eventId,
                a.tenantId(), a.channelId(), a.conversationHash(), question.language(), clip(question.question()),
                at, clip(question.questionKey())))).replaceWithVoid();
    }

    private static Uni<Void> kpi(SqlConnection connection, Analysis a, Kpi kpi) {
        return kpi(connection, a.tenantId(), a.channelId(), a.occurredAt(), kpi);
    }

    /** Adds {@code kpi} to the hour and day buckets of {@code at}. */
    private static Uni<Void> kpi(SqlConnection connection, String tenantId, String channelId, Instant at, Kpi kpi) {
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        Instant day = at.truncatedTo(ChronoUnit.DAYS);
        return connection.preparedQuery(KPI).executeBatch(List.of(
                kpiRow(tenantId, channelId, kpi, "hour", hour), kpiRow(tenantId, channelId, kpi, "day", day)))
                .replaceWithVoid();
    }

    private static Tuple kpiRow(String tenantId, String channelId, Kpi kpi, String granularity, Instant bucket) {
        return Tuple.from(List.of(tenantId, granularity, OffsetDateTime.ofInstant(bucket, ZoneOffset.UTC),
                channelId, kpi.intent(), kpi.metric(), kpi.dimension(), kpi.count(), kpi.total()));
    }

    private static String clip(String text) {
        return clip(text, MAX_TEXT);
    }

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
