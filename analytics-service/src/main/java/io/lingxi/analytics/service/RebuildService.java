package io.lingxi.analytics.service;

import io.agroal.api.AgroalDataSource;
import io.lingxi.analytics.domain.Analysis;
import io.lingxi.analytics.domain.EventAnalyser;
import io.lingxi.contracts.messaging.EventContext;
import io.lingxi.contracts.messaging.InvalidEventException;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rebuilds every analytics table from the topics: replays them from the beginning into fresh tables in a schema of
 * their own, through the same analysis and ledger as the live consumer, then swaps them in. For the swap the live
 * tables are locked (the live consumer waits), the replay catches up to the topics' new ends, and the tables change
 * schema in one transaction; the old ones are dropped. Poison records are skipped (live, they went to the
 * dead-letter topics). One rebuild at a time per instance.
 */
@ApplicationScoped
public class RebuildService {

    /** The tables a rebuild replaces, in the order the live path first touches them (so locking cannot deadlock). */
    static final List<String> TABLES = List.of("processed_event", "counter", "kpi", "conversation", "transcript_line",
            "unanswered_question", "bot_response", "knowledge_entry");
    private static final Duration POLL = Duration.ofMillis(200);

    /** Where a rebuild stands. */
    public record Status(String state, String schema, long records, long applied, long skipped, Instant startedAt,
            Instant finishedAt, String error) {

        static final Status IDLE = new Status("IDLE", null, 0, 0, 0, null, null, null);

        public boolean running() {
            return "RUNNING".equals(state);
        }
    }

    private final AgroalDataSource dataSource;
    private final Analysers analysers;
    private final Ledger ledger;
    private final String bootstrapServers;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "analytics-rebuild"));
    private final AtomicReference<Status> status = new AtomicReference<>(Status.IDLE);

    public RebuildService(AgroalDataSource dataSource, Analysers analysers, Ledger ledger,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.analysers = analysers;
        this.ledger = ledger;
        this.bootstrapServers = bootstrapServers;
    }

    public Status status() {
        return status.get();
    }

    /** Starts a rebuild in the background; empty when one is already running. */
    public java.util.Optional<Status> start() {
        Status current = status.get();
        Status started = new Status("RUNNING", "rebuild_" + System.currentTimeMillis(), 0, 0, 0, Instant.now(), null, null);
        if (current.running() || !status.compareAndSet(current, started)) {
            return java.util.Optional.empty();
        }
        worker.submit(() -> run(started));
        return java.util.Optional.of(started);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void run(Status started) {
        String schema = started.schema();
        long[] counts = new long[3];
        try {
            createTables(schema);
            EventAnalyser analyser = analysers.analyser().await().atMost(Duration.ofSeconds(30));
            try (KafkaConsumer<String, String> consumer = consumer()) {
                List<TopicPartition> partitions = io.lingxi.analytics.domain.EventAnalyser.TOPICS.stream()
                        .flatMap(topic -> consumer.partitionsFor(topic).stream()
                                .map(p -> new TopicPartition(topic, p.partition())))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                replay(consumer, partitions, analyser, schema, counts, started);
                swap(schema, consumer, partitions, analyser, counts, started);
            }
            status.set(new Status("DONE", schema, counts[0], counts[1], counts[2], started.startedAt(), Instant.now(), null));
            Log.infof("Analytics rebuilt from %d records (%d applied, %d skipped)", counts[0], counts[1], counts[2]);
        } catch (Exception e) {
            Log.error("Analytics rebuild failed; the live tables are unchanged", e);
            dropQuietly(schema);
            status.set(new Status("FAILED", schema, counts[0], counts[1], counts[2], started.startedAt(), Instant.now(),
                    "The rebuild failed: " + e.getMessage()));
        }
    }

    private void createTables(String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
            for (String table : TABLES) {
                sql.execute("CREATE TABLE " + schema + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
            }
        }
    }

    /** Locks the live tables, catches up, and moves the rebuilt tables in, all in one transaction. */
    private void swap(String schema, KafkaConsumer<String, String> consumer, List<TopicPartition> partitions,
            EventAnalyser analyser, long[] counts, Status started) throws SQLException {
        String old = schema + "_old";
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                sql.execute("LOCK TABLE " + String.join(", ", TABLES.stream().map(t -> "public." + t).toList())
                        + " IN EXCLUSIVE MODE");
                // what the live consumer committed before the lock is on the topics now: replay up to their new end
                replay(consumer, partitions, analyser, schema, counts, started);
                sql.execute("CREATE SCHEMA " + old);
                for (String table : TABLES) {
                    sql.execute("ALTER TABLE public." + table + " SET SCHEMA " + old);
                    sql.execute("ALTER TABLE " + schema + "." + table + " SET SCHEMA public");
                }
                sql.execute("DROP SCHEMA " + schema);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        dropQuietly(old);
    }

    private void replay(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, EventAnalyser analyser,
            String schema, long[] counts, Status started) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue;
                }
                counts[0]++;
                try {
                    EventContext context = context(record);
                    Analysis analysis = analyser.analyse(record.topic(), context, record.value());
                    ledger.apply(schema, context.id(), analysis).await().atMost(Duration.ofSeconds(30));
                    counts[1]++;
                } catch (InvalidEventException e) {
                    counts[2]++;
                }
            }
            status.set(new Status("RUNNING", schema, counts[0], counts[1], counts[2], started.startedAt(), null, null));
        }
        // records after the snapshot of the end were skipped above: go back so the next pass reads them
        partitions.forEach(p -> {
            if (consumer.position(p) > end.get(p)) {
                consumer.seek(p, end.get(p));
            }
        });
    }

    /** The CloudEvents attributes of a record, as the live consumer reads them; without them the record is poison. */
    static EventContext context(ConsumerRecord<String, String> record) {
        for (String required : List.of("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_tenantid")) {
            String value = header(record, required);
            if (value == null || value.isBlank()) {
                throw new InvalidEventException("missing header " + required);
            }
        }
        Instant time = null;
        String ceTime = header(record, "ce_time");
        if (ceTime != null) {
            try {
                time = OffsetDateTime.parse(ceTime).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("ce_time is not an RFC 3339 time");
            }
        }
        return new EventContext(header(record, "ce_id"), header(record, "ce_type"), header(record, "ce_source"), time,
                header(record, "ce_subject"), header(record, "ce_tenantid"), header(record, "ce_correlationid"));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private void dropQuietly(String schema) {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            Log.warnf("Could not drop schema %s: %s", schema, e.getMessage());
        }
    }
}
