package io.lingxi.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The benchmark: warm-up, open loop at a fixed rate, closed loop at maximum throughput, then Kafka's own limit on
 * the same broker; writes report.json, report.md and latency.svg and prints the Markdown. See bench/README.md.
 */
public final class BenchMain {

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new BenchMain().run(options, args));
    }

    int run(Options o, String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path adminToken = o.state().resolve("keys/admin.jwt");
        if (!Files.isReadable(adminToken)) {
            System.err.println("bench: " + adminToken + " is missing: is the suite up (deploy/local/lingxi up)?");
            return 2;
        }
        String runId = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        String loadBefore = loadAverage();
        Registry registry = new Registry();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, Gateway.daemon("bench-timer"));
        boolean sse = o.replies().equals("sse");
        Map<String, Object> report = new LinkedHashMap<>();
        List<Map<String, Object>> phases = new ArrayList<>();
        List<LatencyChart.Band> bands = new ArrayList<>();
        try (Gateway gateway = new Gateway(o.gateway(), mapper);
                WebhookReceiver webhook = sse ? null : new WebhookReceiver(o.webhookPort(), registry, mapper);
                ProcessSampler sampler = new ProcessSampler(o.state())) {
            Gateway.Channel channel = gateway.ensureChannel(Files.readString(adminToken).trim(),
                    sse ? "lingxi-bench" : "lingxi-bench-hook",
                    sse ? null : "http://127.0.0.1:" + o.webhookPort() + "/replies", 100_000, 6_000);
            if (webhook != null) {
                webhook.secret(channel.webhookSecret());
            }
            say("bench: run %s against %s, channel %s, replies by %s", runId, o.gateway(), channel.id(), o.replies());
            HopTracer tracer = new HopTracer(o.kafka(), runId, mapper);
            Scripts scripts = new Scripts(Scripts.ALL);
            Load load = new Load(gateway, channel, registry, scripts, scheduler, sse,
                    Duration.ofSeconds(o.timeoutSeconds()), o.thinkMillis(), runId);
            long runStart = System.nanoTime();
            Instant startedAt = Instant.now();
            try {
                if (o.phases().contains("warmup")) {
                    say("bench: warm-up, open loop at %.0f turns/s for %d s", o.warmupRate(), o.warmupSeconds());
                    Load.PhaseRun run = load.openLoop("warmup", o.warmupRate(), o.warmupSeconds(), o.seed());
                    phases.add(phase(run, "open loop", fmt(o.warmupRate()) + " turns/s", registry, tracer, sampler));
                    bands.add(band(run, runStart));
                    say(line(phases.get(phases.size() - 1)));
                }
                if (o.phases().contains("open")) {
                    settle(tracer);
                    say("bench: open loop at %.0f turns/s for %d s", o.openRate(), o.openSeconds());
                    Load.PhaseRun run = load.openLoop("open", o.openRate(), o.openSeconds(), o.seed() + 1);
                    phases.add(phase(run, "open loop", fmt(o.openRate()) + " turns/s", registry, tracer, sampler));
                    bands.add(band(run, runStart));
                    say(line(phases.get(phases.size() - 1)));
                }
                if (o.phases().contains("closed")) {
                    settle(tracer);
                    say("bench: closed loop, %d customers for %d s", o.closedCustomers(), o.closedSeconds());
                    Load.PhaseRun run = load.closedLoop("closed", o.closedCustomers(), o.closedSeconds(),
                            o.seed() + 2);
                    phases.add(phase(run, "closed loop", o.closedCustomers() + " customers", registry, tracer,
                            sampler));
                    bands.add(band(run, runStart));
                    say(line(phases.get(phases.size() - 1)));
                }
                if (!phases.isEmpty()) {
                    say("bench: reading %d conversations back through the pull API", registry.conversations().size());
                    report.put("verification", Verifier.verify(gateway, channel, registry, 60));
                }
                settle(tracer);
            } catch (Exception e) {
                tracer.close();
                throw e;
            }
            String loadAfter = loadAverage();
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("id", runId);
            run.put("startedAt", startedAt.toString());
            run.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
            run.put("command", o.command().isBlank() ? "java io.lingxi.bench.BenchMain " + String.join(" ", args)
                    : o.command());
            run.put("replies", o.replies());
            run.put("timeoutSeconds", o.timeoutSeconds());
            run.put("thinkMs", o.thinkMillis());
            run.put("loadBefore", loadBefore);
            run.put("loadAfter", loadAfter);
            run.put("strayReplies", registry.strayReplies());
            if (webhook != null) {
                run.put("badWebhookSignatures", webhook.badSignatures());
            }
            if (tracer.error() != null) {
                run.put("hopTracerError", tracer.error());
            }
            report.put("run", run);
            report.put("phases", phases);
            long answered = phases.stream().filter(p -> !p.get("phase").equals("warmup"))
                    .mapToLong(p -> (Long) p.get("messagesAnswered")).sum();
            if (answered > 0) {
                Map<String, Object> perTurn = new LinkedHashMap<>();
                long all = phases.stream().mapToLong(p -> (Long) p.get("messagesAnswered")).sum();
                long total = 0;
                for (Map.Entry<String, long[]> e : tracer.counts().entrySet()) {
                    perTurn.put(e.getKey(), Figures.round(e.getValue()[0] / (double) all));
                    total += e.getValue()[0];
                }
                perTurn.put("all topics", Figures.round(total / (double) all));
                report.put("kafkaRecordsPerTurn", perTurn);
            }
            if (o.phases().contains("kafka")) {
                report.put("kafka", kafkaLimit(o, tracer, phases));
            }
            tracer.close();
            List<TurnRecord> all = new ArrayList<>();
            for (Map<String, Object> p : phases) {
                all.addAll(registry.turns((String) p.get("phase")));
            }
            Files.createDirectories(o.reportDir());
            Files.writeString(o.reportDir().resolve("report.json"), mapper.writeValueAsString(report),
                    StandardCharsets.UTF_8);
            String markdown = Report.markdown(report);
            Files.writeString(o.reportDir().resolve("report.md"), markdown, StandardCharsets.UTF_8);
            Files.writeString(o.reportDir().resolve("latency.svg"), LatencyChart.svg("Lingxi end to end, run " + runId
                    + " (" + o.replies() + ")", Figures.timeline(all, runStart), bands), StandardCharsets.UTF_8);
            System.out.println();
            System.out.println(markdown);
            say("bench: report in %s (report.md, report.json, latency.svg)", o.reportDir());
        } finally {
            scheduler.shutdownNow();
        }
        return 0;
    }

    private Map<String, Object> kafkaLimit(Options o, HopTracer tracer, List<Map<String, Object>> phases) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!Files.isDirectory(o.kafkaTools())) {
            out.put("skipped", "no Kafka tools in " + o.kafkaTools() + " (bench/run fetches them)");
            return out;
        }
        long measured = tracer.meanReceivedRecordBytes();
        int size = (int) (measured > 0 ? measured : 600);
        say("bench: Kafka limit, %d records of %d bytes (ProducerPerformance, then ConsumerPerformance)",
                o.kafkaRecords(), size);
        try {
            KafkaLimit.Result r = new KafkaLimit(o.kafka(), o.kafkaTools()).run(o.kafkaRecords(), size, 3);
            out.put("recordSizeBytes", size + (measured > 0 ? " (mean of this run's MessageReceived records: key, "
                    + "value, headers)" : " (default; no records measured)"));
            out.put("producerRecordsPerSecond", r.producerRecordsPerSecond());
            out.put("producerMBPerSecond", r.producerMiBPerSecond());
            out.put("producerAvgLatencyMs", r.producerAvgLatencyMs());
            out.put("consumerRecordsPerSecond", r.consumerRecordsPerSecond());
            out.put("consumerMBPerSecond", r.consumerMiBPerSecond());
            double best = phases.stream().filter(p -> !p.get("phase").equals("warmup"))
                    .mapToDouble(p -> ((Number) p.get("turnsPerSecondAnswered")).doubleValue()).max().orElse(0);
            if (best > 0) {
                out.put("bestTurnsPerSecond", best);
                out.put("turnCostInKafkaRecords", Math.round(r.producerRecordsPerSecond() / best)
                        + " (producer records/s of the broker ÷ our best turns/s: one turn costs as much machine as "
                        + "that many raw Kafka records)");
            }
            out.put("producerSummary", r.producerLine());
            out.put("consumerSummary", r.consumerLine());
        } catch (Exception e) {
            out.put("failed", e.getMessage());
        }
        return out;
    }

    private static Map<String, Object> phase(Load.PhaseRun run, String kind, String target, Registry registry,
            HopTracer tracer, ProcessSampler sampler) {
        return Figures.phase(run, kind, target, registry.turns(run.phase()), tracer,
                sampler.usage(run.startNanos(), run.endNanos()));
    }

    /** Lets the suite work off what the previous phase left before the next one starts (at most 30 s). */
    private static void settle(HopTracer tracer) throws InterruptedException {
        long waited = tracer.settle(2_000, 30_000);
        if (waited > 2_500) {
            say("bench:   the suite was still busy after the phase: waited %.1f s for the topics to go quiet",
                    waited / 1000.0);
        }
    }

    private static LatencyChart.Band band(Load.PhaseRun run, long runStart) {
        return new LatencyChart.Band(run.phase(), (run.startNanos() - runStart) / 1e9, (run.endNanos() - runStart)
                / 1e9);
    }

    @SuppressWarnings("unchecked")
    static String line(Map<String, Object> p) {
        return String.format(Locale.ROOT, "bench:   %s: %s turns/s answered, latency p50/p95/p99/max %s ms, errors %s,"
                        + " lost %s, duplicates %s", p.get("phase"), p.get("turnsPerSecondAnswered"),
                Report.quad(p.get("latencyMs")), p.get("errorCount"), p.get("lostReplies"), p.get("duplicateReplies"));
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
