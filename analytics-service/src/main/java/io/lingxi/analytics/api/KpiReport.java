package io.lingxi.analytics.api;

import io.lingxi.analytics.domain.KpiNames;
import io.lingxi.analytics.service.AnalyticsQueries.KpiRow;
import io.lingxi.analytics.service.AnalyticsQueries.QuestionRow;
import io.lingxi.analytics.service.AnalyticsQueries.TopicRow;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A tenant's KPIs for a date range: totals with the rates derived from them, one point per time bucket, per
 * channel, top intents, handoff reasons, satisfaction and sentiment, and the questions nobody could answer
 * (masked). Rates are null when their denominator is zero.
 */
public record KpiReport(String tenantId, Instant from, Instant to, String granularity, Totals totals,
        Satisfaction satisfaction, Map<String, Long> sentiment, List<Point> series, List<ChannelKpis> channels,
        List<Ranked> topIntents, List<Ranked> handoffReasons, List<QuestionRow> unansweredQuestions,
        List<TopicRow> hotTopics) {

    /**
     * @param containmentRate  turns the bot resolved itself / turns completed
     * @param handoffRate      conversations queued for an agent / conversations
     * @param fallbackRate     messages NLU did not understand (nlu_fallback) / messages understood
     * @param averageWaitMillis          handoff request → agent assigned
     * @param averageFirstResponseMillis agent assigned → the agent's first message
     * @param averageHandleMillis        agent assigned → closed, transferred or returned to the bot
     * @param averageBotFirstReplyMillis customer message received → the bot's first reply to it
     */
    public record Totals(long conversations, long messages, long replies, long agentReplies, long handoffs,
            long understood, long fallbacks, long turns, long botResolvedTurns, long deliveries, long deliveryFailures,
            long unanswered, Double containmentRate, Double handoffRate, Double fallbackRate, Double averageWaitMillis,
            Double averageHandoffMillis, Double averageFirstResponseMillis, Double averageHandleMillis,
            Double averageBotFirstReplyMillis) {
    }

    /** Survey answers: how many, their average (1–5), the share of conversations answering, and per score. */
    public record Satisfaction(long responses, Double average, Double responseRate, Map<String, Long> distribution) {
    }

    public record Point(Instant bucket, long conversations, long messages, long replies, long handoffs, long fallbacks) {
    }

    public record ChannelKpis(String channelId, long conversations, long messages, long handoffs, long deliveryFailures) {
    }

    public record Ranked(String name, long count) {
    }

    public static KpiReport of(String tenantId, DateRange range, String granularity, List<KpiRow> rows,
            List<QuestionRow> unanswered, List<TopicRow> hotTopics) {
        long conversations = count(rows, KpiNames.CONVERSATIONS);
        long handoffs = count(rows, KpiNames.HANDOFFS);
        long understood = count(rows, KpiNames.UNDERSTOOD);
        long fallbacks = count(rows, KpiNames.FALLBACKS);
        long turns = count(rows, KpiNames.TURNS);
        long botTurns = count(rows, KpiNames.BOT_RESOLVED_TURNS);
        long waits = count(rows, KpiNames.WAIT_MS);
        long durations = count(rows, KpiNames.HANDOFF_DURATION_MS);
        Totals totals = new Totals(conversations, count(rows, KpiNames.MESSAGES), count(rows, KpiNames.REPLIES),
                count(rows, r -> r.metric().equals(KpiNames.REPLIES) && r.dimension().equals("AGENT")), handoffs,
                understood, fallbacks, turns, botTurns, count(rows, KpiNames.DELIVERIES),
                count(rows, r -> r.metric().equals(KpiNames.DELIVERIES) && r.dimension().equals("FAILED")),
                count(rows, r -> r.metric().equals(KpiNames.KNOWLEDGE) && r.dimension().equals("UNANSWERED")),
                rate(botTurns, turns), rate(handoffs, conversations), rate(fallbacks, understood),
                waits == 0 ? null : total(rows, KpiNames.WAIT_MS) / waits,
                durations == 0 ? null : total(rows, KpiNames.HANDOFF_DURATION_MS) / durations,
                average(rows, KpiNames.FIRST_RESPONSE_MS), average(rows, KpiNames.HANDLE_MS),
                average(rows, KpiNames.BOT_FIRST_REPLY_MS));

        long responses = count(rows, KpiNames.CSAT);
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int score = 1; score <= 5; score++) {
            String dimension = String.valueOf(score);
            distribution.put(dimension, count(rows, r -> r.metric().equals(KpiNames.CSAT) && r.dimension().equals(dimension)));
        }
        Satisfaction satisfaction = new Satisfaction(responses,
                responses == 0 ? null : total(rows, KpiNames.CSAT) / responses, rate(responses, conversations),
                distribution);

        Map<String, Long> sentiment = new TreeMap<>();
        rows.stream().filter(r -> r.metric().equals(KpiNames.UNDERSTOOD))
                .forEach(r -> sentiment.merge(r.dimension(), r.count(), Long::sum));

        Map<Instant, long[]> points = new TreeMap<>();
        for (KpiRow r : rows) {
            int column = switch (r.metric()) {
                case KpiNames.CONVERSATIONS -> 0;
                case KpiNames.MESSAGES -> 1;
                case KpiNames.REPLIES -> 2;
                case KpiNames.HANDOFFS -> 3;
                case KpiNames.FALLBACKS -> 4;
                default -> -1;
            };
            if (column >= 0) {
                points.computeIfAbsent(r.bucket(), b -> new long[5])[column] += r.count();
            }
        }
        List<Point> series = points.entrySet().stream().map(e -> new Point(e.getKey(), e.getValue()[0],
                e.getValue()[1], e.getValue()[2], e.getValue()[3], e.getValue()[4])).toList();

        Map<String, long[]> byChannel = new TreeMap<>();
        for (KpiRow r : rows) {
            long[] c = byChannel.computeIfAbsent(r.channelId(), id -> new long[4]);
            switch (r.metric()) {
                case KpiNames.CONVERSATIONS -> c[0] += r.count();
                case KpiNames.MESSAGES -> c[1] += r.count();
                case KpiNames.HANDOFFS -> c[2] += r.count();
                case KpiNames.DELIVERIES -> c[3] += r.dimension().equals("FAILED") ? r.count() : 0;
                default -> {
                }
            }
        }
        List<ChannelKpis> channels = byChannel.entrySet().stream().map(e -> new ChannelKpis(e.getKey(),
                e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3])).toList();

        return new KpiReport(tenantId, range.from(), range.to(), granularity, totals, satisfaction, sentiment, series,
                channels, ranked(rows, KpiNames.UNDERSTOOD, true), ranked(rows, KpiNames.HANDOFFS, false), unanswered,
                hotTopics);
    }

    private static List<Ranked> ranked(List<KpiRow> rows, String metric, boolean byIntent) {
        Map<String, Long> counts = new TreeMap<>();
        rows.stream().filter(r -> r.metric().equals(metric))
                .forEach(r -> counts.merge(byIntent ? r.intent() : r.dimension(), r.count(), Long::sum));
        return counts.entrySet().stream().map(e -> new Ranked(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Ranked::count).reversed().thenComparing(Ranked::name))
                .limit(10).toList();
    }

    private static long count(List<KpiRow> rows, String metric) {
        return count(rows, r -> r.metric().equals(metric));
    }

    private static long count(List<KpiRow> rows, Predicate<KpiRow> which) {
        return rows.stream().filter(which).mapToLong(KpiRow::count).sum();
    }

    private static double total(List<KpiRow> rows, String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).mapToDouble(KpiRow::total).sum();
    }

    /** The mean of a timing KPI (total / count), null without any. */
    private static Double average(List<KpiRow> rows, String metric) {
        long count = count(rows, metric);
        return count == 0 ? null : total(rows, metric) / count;
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
