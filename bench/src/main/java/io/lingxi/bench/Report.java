package io.lingxi.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report (and the console summary, which is the same text) from the report's JSON-ready map. */
public final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    public static String markdown(Map<String, Object> report) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> run = (Map<String, Object>) report.get("run");
        out.append("# Lingxi end-to-end benchmark ").append(run.get("id")).append("\n\n");
        out.append("- started ").append(run.get("startedAt")).append(", ").append(run.get("machine")).append('\n');
        out.append("- command: `").append(run.get("command")).append("`\n");
        out.append("- replies received by ").append(run.get("replies")).append(", reply timeout ")
                .append(run.get("timeoutSeconds")).append(" s, think time ").append(run.get("thinkMs"))
                .append(" ms; load average before/after: ").append(run.get("loadBefore")).append(" / ")
                .append(run.get("loadAfter")).append("\n\n");
        List<Map<String, Object>> phases = (List<Map<String, Object>>) report.get("phases");
        if (!phases.isEmpty()) {
            out.append("## Load\n\n| figure |");
            phases.forEach(p -> out.append(' ').append(p.get("phase")).append(" |"));
            out.append("\n|---|");
            phases.forEach(p -> out.append("---|"));
            out.append('\n');
            row(out, phases, "load", p -> p.get("kind") + ", " + p.get("target"));
            row(out, phases, "seconds", p -> p.get("seconds"));
            row(out, phases, "conversations (max at once)", p -> p.get("conversations") + " ("
                    + p.get("maxConcurrentConversations") + ")");
            row(out, phases, "messages sent / accepted / answered", p -> p.get("messagesSent") + " / "
                    + p.get("messagesAccepted") + " / " + p.get("messagesAnswered"));
            row(out, phases, "turns/s sent", p -> p.get("turnsPerSecondSent"));
            row(out, phases, "**turns/s answered (sustained)**", p -> "**" + p.get("turnsPerSecondAnswered") + "**");
            row(out, phases, "**latency p50 / p95 / p99 / max (ms)**", p -> "**" + quad(p.get("latencyMs")) + "**");
            row(out, phases, "HTTP accept p50 / p95 / p99 / max (ms)", p -> quad(p.get("acceptMs")));
            row(out, phases, "errors", p -> p.get("errorCount") + (((Map<?, ?>) p.get("errors")).isEmpty() ? ""
                    : " " + p.get("errors")));
            row(out, phases, "lost replies (none within timeout; late)", p -> p.get("lostReplies") + " ("
                    + p.get("lateReplies") + " late)");
            row(out, phases, "duplicate replies (stream)", p -> p.get("duplicateReplies"));
            row(out, phases, "unexpected replies", p -> p.get("unexpectedReplies"));
            out.append('\n');

            out.append("## Per hop (p50 / p95 / p99 / max ms, from Kafka record timestamps)\n\n| hop |");
            phases.forEach(p -> out.append(' ').append(p.get("phase")).append(" |"));
            out.append("\n|---|");
            phases.forEach(p -> out.append("---|"));
            out.append('\n');
            for (String hop : Figures.HOPS) {
                row(out, phases, hop.replace("  ", "↳ "), p -> quad(((Map<String, Object>) p.get("hopsMs")).get(hop)));
            }
            out.append('\n');

            out.append("## Processes (CPU % of one core mean / peak, RSS MiB mean / peak)\n\n| process |");
            phases.forEach(p -> out.append(' ').append(p.get("phase")).append(" |"));
            out.append("\n|---|");
            phases.forEach(p -> out.append("---|"));
            out.append('\n');
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            phases.forEach(p -> names.addAll(((Map<String, ?>) p.get("processes")).keySet()));
            for (String name : names) {
                row(out, phases, name, p -> {
                    ProcessSampler.Usage u = ((Map<String, ProcessSampler.Usage>) p.get("processes")).get(name);
                    if (u == null) {
                        return "–";
                    }
                    return name.startsWith("machine") ? u.cpuMean() + " % busy"
                            : u.cpuMean() + " / " + u.cpuPeak() + " · " + u.rssMeanMiB() + " / " + u.rssPeakMiB();
                });
            }
            out.append('\n');
        }
        Object verification = report.get("verification");
        if (verification != null) {
            out.append("## Read back through the pull API after the load\n\n");
            ((Map<String, Map<String, Long>>) verification).forEach((phase, c) -> out.append("- ").append(phase)
                    .append(": ").append(c).append('\n'));
            out.append('\n');
        }
        Map<String, Object> kafka = (Map<String, Object>) report.get("kafka");
        if (kafka != null) {
            out.append("## Kafka on the same broker\n\n");
            kafka.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
            out.append('\n');
        }
        Map<String, Object> perTurn = (Map<String, Object>) report.get("kafkaRecordsPerTurn");
        if (perTurn != null) {
            out.append("## Kafka records written per answered turn (all topics the tracer read)\n\n");
            perTurn.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
            out.append('\n');
        }
        if (!phases.isEmpty()) {
            out.append("## Latency per message of each script (p50 / p95 / p99 / max ms)\n\n");
            for (Map<String, Object> p : phases) {
                out.append("### ").append(p.get("phase")).append("\n\n| turn | count | latency |\n|---|---|---|\n");
                ((Map<String, Map<String, Object>>) p.get("perTurnMs")).forEach((turn, s) -> out.append("| ")
                        .append(turn).append(" | ").append(s.get("count")).append(" | ").append(quad(s))
                        .append(" |\n"));
                List<?> examples = (List<?>) p.get("unexpectedExamples");
                if (!examples.isEmpty()) {
                    out.append("\nUnexpected replies, examples: ").append(examples).append('\n');
                }
                out.append('\n');
            }
        }
        out.append("![latency over time](latency.svg)\n");
        return out.toString();
    }

    private static void row(StringBuilder out, List<Map<String, Object>> phases, String name,
            java.util.function.Function<Map<String, Object>, Object> cell) {
        out.append("| ").append(name).append(" |");
        for (Map<String, Object> p : phases) {
            out.append(' ').append(cell.apply(p)).append(" |");
        }
        out.append('\n');
    }

    @SuppressWarnings("unchecked")
    static String quad(Object stats) {
        if (!(stats instanceof Map)) {
            return "–";
        }
        Map<String, Object> s = (Map<String, Object>) stats;
        if (((Number) s.get("count")).longValue() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%s / %s / %s / %s", s.get("p50"), s.get("p95"), s.get("p99"), s.get("max"));
    }
}
