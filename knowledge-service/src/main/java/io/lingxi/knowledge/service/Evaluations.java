package io.lingxi.knowledge.service;

import io.lingxi.knowledge.config.KnowledgeConfig;
import io.lingxi.knowledge.domain.Faq;
import io.lingxi.knowledge.domain.Match;
import io.lingxi.knowledge.search.ElasticsearchSearchBackend;
import io.lingxi.knowledge.search.LuceneSearchBackend;
import io.lingxi.knowledge.search.SearchBackend;
import io.lingxi.knowledge.search.SynonymDictionary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Evaluation jobs: a labelled question set searched in a throw-away index built with exactly the production
 * analysis and scoring, reported as precision@1, MRR@10, recall@10 and latency. One job runs at a time on a thread
 * of this instance (they are CPU-heavy and must not slow the bot down). Jobs, progress and reports live in
 * PostgreSQL ({@code evaluation_job}, the last {@link #KEPT} of each tenant), so every instance answers for them and
 * a restart loses none; the job's input stays with the instance running it, which refreshes the job's heartbeat
 * every 5 s: a queued or running job whose heartbeat is older than {@code evaluation-stale-after} was interrupted
 * (restart, crash) and is failed with that reason. All methods block (JDBC): call them on worker threads.
 */
@ApplicationScoped
public class Evaluations {

    public static final int KEPT = 50;
    /** Why a job whose instance stopped failed (shown to editors: Chinese, then English). */
    static final String INTERRUPTED = "评估中断：运行它的服务实例已停止（重启或故障），请重新提交。"
            + " The evaluation was interrupted: the service instance running it stopped (restart or crash); "
            + "start it again.";
    static final int MAX_MISSES = 200;
    static final String EVAL_TENANT = "evaluation";

    /** What a job reports while it runs and when it is done. */
    public record Job(String id, String tenantId, String backend, String status, String phase, int processed,
            int total, Instant createdAt, Instant finishedAt, String error, Report report) {
    }

    /** The figures of a finished job; {@code misses} are the queries whose first hit was not relevant. */
    public record Report(int entries, int queries, double precisionAt1, double mrrAt10, double recallAt10,
            double meanLatencyMillis, double p99LatencyMillis, long indexingMillis, List<Miss> misses) {
    }

    public record Miss(String query, List<String> relevantIds, List<String> found, Integer rank) {
    }

    /** A labelled query. */
    public record Labelled(String query, Set<String> relevantIds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String COLUMNS = "id, tenant_id, backend, status, phase, processed, total, created_at, "
            + "finished_at, error, report";

    private final KnowledgeConfig config;
    private final AgroalDataSource dataSource;
    /** The jobs this instance holds (queued or running): their heartbeat is refreshed. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "knowledge-evaluation");
        thread.setDaemon(true);
        return thread;
    });

    public Evaluations(KnowledgeConfig config, AgroalDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Records a job, queues it on this instance and returns it at once. */
    public Job start(String tenantId, String backend, List<Faq> entries, List<Labelled> queries,
            List<List<String>> synonyms) {
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, tenantId, backend, "QUEUED", "queued", 0, entries.size() + queries.size(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), null, null, null);
        held.add(id);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO evaluation_job (id, tenant_id, "
                    + "backend, status, phase, processed, total, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, tenantId);
                insert.setString(3, backend);
                insert.setString(4, job.status());
                insert.setString(5, job.phase());
                insert.setInt(6, 0);
                insert.setInt(7, job.total());
                insert.setTimestamp(8, Timestamp.from(job.createdAt()));
                insert.executeUpdate();
            }
            try (PreparedStatement prune = connection.prepareStatement("DELETE FROM evaluation_job WHERE tenant_id = ? "
                    + "AND status IN ('DONE', 'FAILED') AND id NOT IN (SELECT id FROM evaluation_job WHERE tenant_id = ? "
                    + "ORDER BY created_at DESC LIMIT " + KEPT + ")")) {
                prune.setString(1, tenantId);
                prune.setString(2, tenantId);
                prune.executeUpdate();
            }
        } catch (SQLException e) {
            held.remove(id);
            throw new IllegalStateException("cannot record the evaluation job", e);
        }
        worker.submit(() -> run(job, entries, queries, synonyms));
        return job;
    }

    /** The job, if it belongs to the tenant; one whose instance stopped is failed first. */
    public Optional<Job> find(String tenantId, String id) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<Job> job = select(connection, tenantId, id);
            if (job.isPresent() && !job.get().status().equals("DONE") && !job.get().status().equals("FAILED")
                    && !held.contains(id) && failStale(connection, id) > 0) {
                job = select(connection, tenantId, id);
            }
            return job;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the evaluation job", e);
        }
    }

    private static Optional<Job> select(Connection connection, String tenantId, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM evaluation_job WHERE id = ? AND tenant_id = ?")) {
            select.setString(1, id);
            select.setString(2, tenantId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String report = row.getString(11);
                Timestamp finished = row.getTimestamp(9);
                return Optional.of(new Job(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getInt(6), row.getInt(7), row.getTimestamp(8).toInstant(),
                        finished == null ? null : finished.toInstant(), row.getString(10),
                        report == null ? null : JSON.readValue(report, Report.class)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the stored report of evaluation " + id + " is not readable", e);
            }
        }
    }

    /** Fails the unfinished job {@code id} (or every one, when null) whose heartbeat is stale; returns how many. */
    private int failStale(Connection connection, String id) throws SQLException {
        try (PreparedStatement fail = connection.prepareStatement("UPDATE evaluation_job SET status = 'FAILED', "
                + "phase = 'failed', error = ?, finished_at = now() WHERE status IN ('QUEUED', 'RUNNING') "
                + "AND heartbeat_at < now() - ?::float8 * interval '1 millisecond' AND NOT (id = ANY(?))"
                + (id == null ? "" : " AND id = ?"))) {
            fail.setString(1, INTERRUPTED);
            fail.setLong(2, config.evaluationStaleAfter().toMillis());
            fail.setArray(3, connection.createArrayOf("varchar", held.toArray()));
            if (id != null) {
                fail.setString(4, id);
            }
            return fail.executeUpdate();
        }
    }

    /** Tells other instances this one still holds its jobs, and fails the jobs of instances that stopped. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        try (Connection connection = dataSource.getConnection()) {
            if (!held.isEmpty()) {
                try (PreparedStatement beat = connection.prepareStatement(
                        "UPDATE evaluation_job SET heartbeat_at = now() WHERE id = ANY(?)")) {
                    beat.setArray(1, connection.createArrayOf("varchar", held.toArray()));
                    beat.executeUpdate();
                }
            }
            int failed = failStale(connection, null);
            if (failed > 0) {
                Log.warnf("%d evaluation job(s) were interrupted by a stopped instance and are failed", failed);
            }
        } catch (SQLException e) {
            Log.warnf("evaluation job heartbeat failed: %s", e.getMessage());
        }
    }

    private void update(Job job, String status, String phase, int processed, String error, Report report) {
        boolean finished = report != null || error != null;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE evaluation_job SET status = ?, "
                        + "phase = ?, processed = ?, error = ?, report = ?, heartbeat_at = now(), finished_at = "
                        + (finished ? "now()" : "NULL") + " WHERE id = ?")) {
            update.setString(1, status);
            update.setString(2, phase);
            update.setInt(3, processed);
            update.setString(4, error);
            update.setString(5, report == null ? null : JSON.writeValueAsString(report));
            update.setString(6, job.id());
            update.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            // the job goes on; its stored progress lags until the next update
            Log.warnf("cannot record the progress of evaluation %s: %s", job.id(), e.getMessage());
        }
    }

    private void run(Job job, List<Faq> entries, List<Labelled> queries, List<List<String>> synonyms) {
        Path directory = null;
        SearchBackend backend = null;
        try {
            update(job, "RUNNING", "indexing", 0, null, null);
            if ("elasticsearch".equals(job.backend())) {
                backend = ElasticsearchSearchBackend.connect(config.elasticsearch().url(),
                        config.elasticsearch().indexPrefix() + "-evaluation-" + job.id().substring(0, 8), 0);
            } else {
                directory = Files.createTempDirectory("lingxi-evaluation");
                backend = new LuceneSearchBackend(directory);
            }
            backend.setSynonyms(EVAL_TENANT, new SynonymDictionary(synonyms));
            long started = System.nanoTime();
            backend.replaceAll(EVAL_TENANT, entries, "evaluation");
            long indexingMillis = (System.nanoTime() - started) / 1_000_000;
            update(job, "RUNNING", "searching", entries.size(), null, null);
            Instant now = Instant.now();
            double p1 = 0;
            double mrr = 0;
            double recall = 0;
            long[] latencies = new long[queries.size()];
            List<Miss> misses = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                Labelled query = queries.get(i);
                long t0 = System.nanoTime();
                List<Match.Hit> hits = backend.search(EVAL_TENANT, query.query(), now, 10);
                latencies[i] = System.nanoTime() - t0;
                List<String> found = hits.stream().map(hit -> hit.faq().id()).toList();
                Integer rank = null;
                int relevantFound = 0;
                for (int r = 0; r < found.size(); r++) {
                    if (query.relevantIds().contains(found.get(r))) {
                        relevantFound++;
                        if (rank == null) {
                            rank = r + 1;
                        }
                    }
                }
                if (rank != null) {
                    mrr += 1.0 / rank;
                    p1 += rank == 1 ? 1 : 0;
                }
                recall += (double) relevantFound / query.relevantIds().size();
                if ((rank == null || rank > 1) && misses.size() < MAX_MISSES) {
                    misses.add(new Miss(query.query(), List.copyOf(query.relevantIds()),
                            found.subList(0, Math.min(3, found.size())), rank));
                }
                if (i % 100 == 99) {
                    update(job, "RUNNING", "searching", entries.size() + i + 1, null, null);
                }
            }
            int n = Math.max(1, queries.size());
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            double mean = Arrays.stream(latencies).average().orElse(0) / 1e6;
            double p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1,
                    (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
            Report report = new Report(entries.size(), queries.size(), round(p1 / n), round(mrr / n),
                    round(recall / n), round(mean), round(p99), indexingMillis, misses);
            update(job, "DONE", "done", job.total(), null, report);
        } catch (RuntimeException | IOException e) {
            Log.warnf(e, "evaluation %s failed", job.id());
            update(job, "FAILED", "failed", 0, "评估无法运行。The evaluation could not run: " + e.getMessage(), null);
        } finally {
            held.remove(job.id());
            if (backend != null) {
                if (backend instanceof ElasticsearchSearchBackend elasticsearch) {
                    try {
                        elasticsearch.drop(EVAL_TENANT);
                    } catch (RuntimeException e) {
                        // the node is unreachable: nothing to drop
                    }
                }
                backend.close();
            }
            if (directory != null) {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    // a temp directory: the OS cleans it eventually
                }
            }
        }
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
