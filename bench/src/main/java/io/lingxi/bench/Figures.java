package io.lingxi.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a phase's turn records (plus hop times and process samples) into the report's figures. */
public final class Figures {

    /** Per-hop breakdown names, in pipeline order. */
    static final List<String> HOPS = List.of("gateway in (HTTP start → received record)",
            "nlu (received → understood)", "dialogue (understood → reply record)",
            "  of which knowledge (query → answer)", "gateway out (reply record → integrator)",
            "  of which until its delivery report (stored; webhook: pushed)");

    private Figures() {
    }

    public static Map<String, Object> phase(Load.PhaseRun run, String kind, String target, List<TurnRecord> turns,
            HopTracer tracer, Map<String, ProcessSampler.Usage> processes) {
        long sent = turns.size();
        long accepted = 0;
        long answered = 0;
        long answeredInWindow = 0;
        long lost = 0;
        long late = 0;
        long duplicates = 0;
        long unexpected = 0;
        long extraReplies = 0;
        Map<String, Long> errors = new TreeMap<>();
        List<String> unexpectedExamples = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        List<Long> accepts = new ArrayList<>();
        Map<String, List<Long>> perScript = new TreeMap<>();
        List<List<Long>> hops = new ArrayList<>();
        HOPS.forEach(h -> hops.add(new ArrayList<>()));
        for (TurnRecord t : turns) {
            synchronized (t) {
                if (t.error != null) {
                    errors.merge(t.error.startsWith("HTTP") ? t.error : "exception: " + t.error.split(":")[0], 1L,
                            Long::sum);
                }
                if (t.httpStatus == 202) {
                    accepted++;
                    accepts.add((t.acceptedNanos - t.sentNanos) / 1_000);
                }
                duplicates += t.duplicates;
                extraReplies += Math.max(0, t.replies - 1);
                if (t.lost) {
                    lost++;
                    if (t.firstReplyNanos != 0) {
                        late++;
                    }
                }
                if (t.firstReplyNanos == 0) {
                    continue;
                }
                answered++;
                if (t.firstReplyNanos >= run.startNanos() && t.firstReplyNanos <= run.endNanos()) {
                    answeredInWindow++;
                }
                long latency = (t.firstReplyNanos - t.sentNanos) / 1_000;
                if (!t.lost) {
                    latencies.add(latency);
                    perScript.computeIfAbsent(t.script + " #" + (t.turn + 1) + " " + t.spec.text(),
                            k -> new ArrayList<>()).add(latency);
                }
                if (!t.spec.expected(t.firstReplyText)) {
                    unexpected++;
                    if (unexpectedExamples.size() < 5) {
                        unexpectedExamples.add(t.spec.text() + " → " + abbreviate(t.firstReplyText));
                    }
                }
                long[] times = tracer == null ? null : tracer.times(t.messageId);
                if (times != null) {
                    long r = times[HopTracer.Hop.RECEIVED.ordinal()] * 1000;
                    long u = times[HopTracer.Hop.UNDERSTOOD.ordinal()] * 1000;
                    long kq = times[HopTracer.Hop.KNOWLEDGE_QUERY.ordinal()] * 1000;
                    long ka = times[HopTracer.Hop.KNOWLEDGE_ANSWER.ordinal()] * 1000;
                    long reply = times[HopTracer.Hop.REPLY.ordinal()] * 1000;
                    if (r > 0) {
                        hops.get(0).add(r - t.sentEpochMicros);
                    }
                    if (r > 0 && u > 0) {
                        hops.get(1).add(u - r);
                    }
                    if (u > 0 && reply > 0) {
                        hops.get(2).add(reply - u);
                    }
                    if (kq > 0 && ka > 0) {
                        hops.get(3).add(ka - kq);
                    }
                    long delivered = times[HopTracer.Hop.DELIVERY.ordinal()] * 1000;
                    if (reply > 0) {
                        hops.get(4).add(t.firstReplyEpochMicros - reply);
                    }
                    if (reply > 0 && delivered > 0) {
                        hops.get(5).add(delivered - reply);
                    }
                }
            }
        }
        double seconds = run.seconds();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phase", run.phase());
        out.put("kind", kind);
        out.put("target", target);
        out.put("seconds", round(seconds));
        out.put("conversations", run.conversations());
        out.put("maxConcurrentConversations", run.maxConcurrentConversations());
        out.put("messagesSent", sent);
        out.put("messagesAccepted", accepted);
        out.put("messagesAnswered", answered);
        out.put("turnsPerSecondSent", round(sent / seconds));
        out.put("turnsPerSecondAnswered", round(answeredInWindow / seconds));
        out.put("latencyMs", Stats.of(toArray(latencies)).millis());
        out.put("acceptMs", Stats.of(toArray(accepts)).millis());
        out.put("errors", errors);
        out.put("errorCount", errors.values().stream().mapToLong(Long::longValue).sum());
        out.put("lostReplies", lost);
        out.put("lateReplies", late);
        out.put("duplicateReplies", duplicates);
        out.put("extraReplies", extraReplies);
        out.put("unexpectedReplies", unexpected);
        out.put("unexpectedExamples", unexpectedExamples);
        Map<String, Object> hopFigures = new LinkedHashMap<>();
        for (int i = 0; i < HOPS.size(); i++) {
            hopFigures.put(HOPS.get(i), Stats.of(toArray(hops.get(i))).millis());
        }
        out.put("hopsMs", hopFigures);
        Map<String, Object> scripts = new LinkedHashMap<>();
        perScript.forEach((name, values) -> scripts.put(name, Stats.of(toArray(values)).millis()));
        out.put("perTurnMs", scripts);
        out.put("processes", processes);
        return out;
    }

    /** Per second of the run: p50/p99 latency of the messages sent then, and replies that arrived then. */
    public static List<LatencyChart.Point> timeline(List<TurnRecord> turns, long runStartNanos) {
        Map<Integer, List<Long>> bySecond = new TreeMap<>();
        Map<Integer, Integer> answered = new TreeMap<>();
        Map<Integer, String> phases = new TreeMap<>();
        for (TurnRecord t : turns) {
            synchronized (t) {
                int second = (int) ((t.sentNanos - runStartNanos) / 1_000_000_000L);
                phases.putIfAbsent(second, t.phase);
                bySecond.computeIfAbsent(second, k -> new ArrayList<>());
                if (t.firstReplyNanos != 0) {
                    bySecond.get(second).add((t.firstReplyNanos - t.sentNanos) / 1_000);
                    answered.merge((int) ((t.firstReplyNanos - runStartNanos) / 1_000_000_000L), 1, Integer::sum);
                }
            }
        }
        List<LatencyChart.Point> points = new ArrayList<>();
        int last = Math.max(bySecond.isEmpty() ? 0 : ((TreeMap<Integer, List<Long>>) bySecond).lastKey(),
                answered.isEmpty() ? 0 : ((TreeMap<Integer, Integer>) answered).lastKey());
        for (int s = 0; s <= last; s++) {
            List<Long> values = bySecond.getOrDefault(s, List.of());
            Stats stats = Stats.of(toArray(values));
            points.add(new LatencyChart.Point(s, phases.getOrDefault(s, ""), values.isEmpty() ? -1 : stats.p50() / 1000.0,
                    values.isEmpty() ? -1 : stats.p99() / 1000.0, answered.getOrDefault(s, 0)));
        }
        return points;
    }

    static long[] toArray(List<Long> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "(none)";
        }
        String flat = text.replace('\n', ' ');
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + "…";
    }
}
