package io.lingxi.nlu.service;

import io.lingxi.nlu.config.NluConfig;
import io.lingxi.nlu.model.EvaluationReport;
import io.lingxi.nlu.model.Evaluator;
import io.lingxi.nlu.model.IntentModel;
import io.lingxi.nlu.model.IntentTrainer;
import io.lingxi.nlu.model.LabeledText;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluation jobs: train a throw-away model with exactly the production pipeline on a tenant's examples and
 * score it on a test set, in the background on a small worker pool. Jobs live in memory (lost on restart, not
 * shared between replicas; the most recent {@value #KEPT} are kept) until model versions move to PostgreSQL.
 */
@ApplicationScoped
public class EvaluationJobs {

    static final int KEPT = 100;

    /** A job's state; {@code report} once DONE, {@code error} once FAILED. */
    public record Job(String id, String tenantId, String status, double progress, Instant createdAt,
            EvaluationReport report, String error) {

        Job with(String status, double progress, EvaluationReport report, String error) {
            return new Job(id, tenantId, status, progress, createdAt, report, error);
        }
    }

    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService workers;

    public EvaluationJobs(NluConfig config) {
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.evaluationThreads(), runnable -> {
            Thread thread = new Thread(runnable, "nlu-evaluation-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void stop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
    }

    public Job start(String tenantId, List<LabeledText> train, List<LabeledText> test) {
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, tenantId, RUNNING, 0.0, Instant.now(), null, null);
        jobs.put(id, job);
        forgetOld();
        workers.submit(() -> run(id, train, test));
        return job;
    }

    /** The tenant's job; another tenant's job does not exist for it. */
    public Optional<Job> find(String tenantId, String id) {
        return Optional.ofNullable(jobs.get(id)).filter(job -> job.tenantId().equals(tenantId));
    }

    private void run(String id, List<LabeledText> train, List<LabeledText> test) {
        try {
            long started = System.nanoTime();
            IntentModel model = new IntentTrainer().trainCalibrated(train, "evaluation-" + id,
                    p -> progress(id, 0.8 * p));
            long trainMillis = (System.nanoTime() - started) / 1_000_000;
            EvaluationReport report = Evaluator.evaluate(model, test, train.size(), trainMillis,
                    p -> progress(id, 0.8 + 0.2 * p));
            jobs.computeIfPresent(id, (k, job) -> job.with(DONE, 1.0, report, null));
        } catch (RuntimeException e) {
            Log.errorf(e, "Evaluation %s failed", id);
            jobs.computeIfPresent(id, (k, job) -> job.with(FAILED, job.progress(), null,
                    "The evaluation could not be completed; please check the data and retry."));
        }
    }

    private void progress(String id, double progress) {
        double rounded = Math.round(progress * 100) / 100.0;
        jobs.computeIfPresent(id, (k, job) -> job.with(job.status(), Math.min(0.99, rounded), null, null));
    }

    private void forgetOld() {
        if (jobs.size() <= KEPT) {
            return;
        }
        jobs.values().stream().filter(job -> !RUNNING.equals(job.status()))
                .sorted(Comparator.comparing(Job::createdAt))
                .limit(jobs.size() - KEPT)
                .forEach(job -> jobs.remove(job.id()));
    }
}
