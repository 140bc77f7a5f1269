package io.lingxi.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options, {@code --name=value}; every one has a default. */
public record Options(String gateway, Path state, String kafka, String replies, int warmupSeconds, double warmupRate,
        double openRate, int openSeconds, int closedCustomers, int closedSeconds, int timeoutSeconds, long thinkMillis,
        long kafkaRecords, Path kafkaTools, Set<String> phases, Path reportDir, int webhookPort, long seed,
        String command) {

    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("gateway", "http://127.0.0.1:8080");
        DEFAULTS.put("state", ".lingxi");
        DEFAULTS.put("kafka", "127.0.0.1:9092");
        DEFAULTS.put("replies", "sse");
        DEFAULTS.put("warmup-seconds", "20");
        DEFAULTS.put("warmup-rate", "50");
        DEFAULTS.put("open-rate", "300");
        DEFAULTS.put("open-seconds", "60");
        DEFAULTS.put("closed-customers", "200");
        DEFAULTS.put("closed-seconds", "60");
        DEFAULTS.put("timeout-seconds", "10");
        DEFAULTS.put("think-ms", "0");
        DEFAULTS.put("kafka-records", "1000000");
        DEFAULTS.put("kafka-tools", "bench/target/kafka-tools");
        DEFAULTS.put("phases", "warmup,open,closed,kafka");
        DEFAULTS.put("report-dir", "");
        DEFAULTS.put("webhook-port", "8099");
        DEFAULTS.put("seed", "42");
        DEFAULTS.put("command", "");
    }

    static final Set<String> PHASES = Set.of("warmup", "open", "closed", "kafka");

    public static Options parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not '" + arg + "'");
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (known: " + DEFAULTS.keySet() + ")");
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        String replies = values.get("replies");
        if (!replies.equals("sse") && !replies.equals("webhook")) {
            throw new IllegalArgumentException("--replies must be sse or webhook");
        }
        Set<String> phases = new java.util.LinkedHashSet<>();
        for (String phase : values.get("phases").split(",")) {
            if (!phase.isBlank()) {
                if (!PHASES.contains(phase.trim())) {
                    throw new IllegalArgumentException("unknown phase '" + phase + "' (known: " + PHASES + ")");
                }
                phases.add(phase.trim());
            }
        }
        String report = values.get("report-dir");
        Path reportDir = report.isBlank() ? Path.of("bench", "reports", java.time.format.DateTimeFormatter
                .ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()))
                : Path.of(report);
        return new Options(values.get("gateway"), Path.of(values.get("state")), values.get("kafka"), replies,
                positive(values, "warmup-seconds"), rate(values, "warmup-rate"), rate(values, "open-rate"),
                positive(values, "open-seconds"), positive(values, "closed-customers"),
                positive(values, "closed-seconds"), positive(values, "timeout-seconds"),
                Long.parseLong(values.get("think-ms")), Long.parseLong(values.get("kafka-records")),
                Path.of(values.get("kafka-tools")), phases, reportDir, positive(values, "webhook-port"),
                Long.parseLong(values.get("seed")), values.get("command"));
    }

    private static int positive(Map<String, String> values, String name) {
        int value;
        try {
            value = Integer.parseInt(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number");
        }
        if (value <= 0) {
            throw new IllegalArgumentException("--" + name + " must be above 0");
        }
        return value;
    }

    private static double rate(Map<String, String> values, String name) {
        double value;
        try {
            value = Double.parseDouble(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number");
        }
        if (!(value > 0)) {
            throw new IllegalArgumentException("--" + name + " must be above 0");
        }
        return value;
    }
}
