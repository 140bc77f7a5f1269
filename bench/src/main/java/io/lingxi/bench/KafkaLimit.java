package io.lingxi.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka's own limit on the same broker: org.apache.kafka.tools.ProducerPerformance and ConsumerPerformance (the
 * kafka-tools jars, in a JVM of their own), with the record size of our own records and the services' producer
 * settings (acks=all, idempotence), on a topic of its own with as many partitions as the conversation topics.
 */
public final class KafkaLimit {

    /** What the two tools measured. */
    public record Result(long records, int recordSize, double producerRecordsPerSecond, double producerMiBPerSecond,
            double producerAvgLatencyMs, double producerMaxLatencyMs, double consumerRecordsPerSecond,
            double consumerMiBPerSecond, String producerLine, String consumerLine) {
    }

    static final Pattern PRODUCER = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), "
            + "([\\d.]+) ms avg latency, ([\\d.]+) ms max latency");

    private final String bootstrap;
    private final Path toolsLib;
    private final String java;

    public KafkaLimit(String bootstrap, Path toolsLib) {
        this.bootstrap = bootstrap;
        this.toolsLib = toolsLib;
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public Result run(long records, int recordSize, int partitions) throws IOException, InterruptedException {
        String topic = "lingxi.bench.kafka-limit." + System.currentTimeMillis();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                List<String> producer = tool("org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                        "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordSize),
                        "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
                        "enable.idempotence=true");
                List<String> consumer = tool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server",
                        bootstrap, "--topic", topic, "--messages", String.valueOf(records), "--group",
                        "lingxi-bench-limit-" + System.currentTimeMillis(), "--timeout", "60000");
                return parse(records, recordSize, producer, consumer);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("could not create or delete the topic of the Kafka limit run: " + e.getMessage(), e);
        }
    }

    static Result parse(long records, int recordSize, List<String> producer, List<String> consumer) {
        String producerLine = null;
        Matcher m = null;
        for (String line : producer) {
            Matcher candidate = PRODUCER.matcher(line);
            if (candidate.find()) {
                producerLine = line.trim();
                m = candidate;
            }
        }
        if (m == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary: " + String.join("\n", producer));
        }
        // ConsumerPerformance prints a header line and one CSV line:
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
        String consumerLine = null;
        double consumerRate = 0;
        double consumerMiB = 0;
        for (int i = 0; i < consumer.size(); i++) {
            if (consumer.get(i).contains("nMsg.sec") && i + 1 < consumer.size()) {
                consumerLine = consumer.get(i + 1).trim();
                String[] header = consumer.get(i).split(",\\s*");
                String[] values = consumerLine.split(",\\s*");
                for (int c = 0; c < header.length && c < values.length; c++) {
                    if (header[c].trim().equals("nMsg.sec")) {
                        consumerRate = Double.parseDouble(values[c].trim());
                    } else if (header[c].trim().equals("MB.sec")) {
                        consumerMiB = Double.parseDouble(values[c].trim());
                    }
                }
            }
        }
        if (consumerLine == null) {
            throw new IllegalStateException("ConsumerPerformance printed no summary: " + String.join("\n", consumer));
        }
        return new Result(records, recordSize, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)), consumerRate, consumerMiB,
                producerLine, consumerLine);
    }

    private List<String> tool(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", toolsLib.resolve("*").toString(),
                mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of());
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(mainClass + " did not finish within 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException(mainClass + " failed (exit " + process.exitValue() + "): " + String.join("\n",
                    lines.subList(Math.max(0, lines.size() - 10), lines.size())));
        }
        return lines;
    }
}
