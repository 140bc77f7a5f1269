package io.lingxi.knowledge.service;

import io.lingxi.knowledge.config.KnowledgeConfig;
import io.lingxi.knowledge.domain.Faq;
import io.lingxi.knowledge.domain.Match;
import io.lingxi.knowledge.search.ElasticsearchSearchBackend;
import io.lingxi.knowledge.search.LuceneSearchBackend;
import io.lingxi.knowledge.search.SearchBackend;
import io.lingxi.knowledge.search.SynonymDictionary;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Evaluation jobs: a labelled question set searched in a throw-away index built with exactly the production
 * analysis and scoring, reported as precision@1, MRR@10, recall@10 and latency. One job runs at a time on a thread
 * of its own (they are CPU-heavy and must not slow the bot down); jobs and reports are kept in memory, the last
 * {@link #KEPT} of each tenant, and are lost on restart.
 */
@ApplicationScoped
public class Evaluations {

    static final int KEPT = 20;
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

    private final KnowledgeConfig config;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "knowledge-evaluation");
        thread.setDaemon(true);
        return thread;
    });

    public Evaluations(KnowledgeConfig config) {
        this.config = config;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Queues a job and returns it at once. */
    public Job start(String tenantId, String backend, List<Faq> entries, List<Labelled> queries,
            List<List<String>> synonyms) {
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, tenantId, backend, "QUEUED", "queued", 0, entries.size() + queries.size(),
                Instant.now(), null, null, null);
        put(job);
        worker.submit(() -> run(job, entries, queries, synonyms));
        return job;
    }

    /** The job, if it belongs to the tenant. */
    public synchronized Optional<Job> find(String tenantId, String id) {
        return Optional.ofNullable(jobs.get(id)).filter(job -> job.tenantId().equals(tenantId));
    }

    private synchronized void put(Job job) {
        jobs.put(job.id(), job);
        List<Job> ofTenant = jobs.values().stream().filter(j -> j.tenantId().equals(job.tenantId())).toList();
        for (int i = 0; i < ofTenant.size() - KEPT; i++) {
            jobs.remove(ofTenant.get(i).id());
        }
    }

    private void update(Job job, String status, String phase, int processed, String error, Report report) {
        put(new Job(job.id(), job.tenantId(), job.backend(), status, phase, processed, job.total(), job.createdAt(),
                report != null || error != null ? Instant.now() : null, error, report));
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
            update(job, "FAILED", "failed", 0, "The evaluation could not run: " + e.getMessage(), null);
        } finally {
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
