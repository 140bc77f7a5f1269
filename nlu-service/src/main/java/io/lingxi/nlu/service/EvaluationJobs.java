package io.lingxi.nlu.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.nlu.config.NluConfig;
import io.lingxi.nlu.model.EvaluationReport;
import io.lingxi.nlu.model.Evaluator;
import io.lingxi.nlu.model.IntentModel;
import io.lingxi.nlu.model.IntentTrainer;
import io.lingxi.nlu.model.LabeledText;
import io.lingxi.nlu.model.TrainingDataProblems;
import io.lingxi.nlu.store.JobStore;
import io.lingxi.nlu.store.TrainingDataStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;

/**
 * Evaluation jobs: train throw-away models with exactly the production pipeline (calibration included) and score
 * them, in the background on a small worker pool. Either on a train/test pair the caller sends, or k-fold
 * cross-validation of the tenant's stored training data. Jobs (status, progress, report or errors) live in
 * PostgreSQL ({@code nlu_job}, kind {@value #EVALUATION}), so any replica answers for them and a job interrupted
 * by a restart ends FAILED ({@link JobTracker}).
 */
@ApplicationScoped
public class EvaluationJobs {

    public static final String EVALUATION = "EVALUATION";
    public static final String RUNNING = "RUNNING";
    static final Duration DB = Duration.ofSeconds(30);

    private final JobStore jobs;
    private final TrainingDataStore data;
    private final JobTracker tracker;
    private final ObjectMapper mapper;
    private final ExecutorService workers;

    public EvaluationJobs(NluConfig config, JobStore jobs, TrainingDataStore data, JobTracker tracker,
            ObjectMapper mapper) {
        this.jobs = jobs;
        this.data = data;
        this.tracker = tracker;
        this.mapper = mapper;
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

    /** Trains on {@code train}, scores {@code test}; the job id. */
    public Uni<String> start(String tenantId, List<LabeledText> train, List<LabeledText> test) {
        return submit(tenantId, id -> holdOut(id, train, test));
    }

    /** k-fold cross-validation of the tenant's stored training data; the job id. */
    public Uni<String> crossValidate(String tenantId, int folds) {
        return submit(tenantId, id -> kFold(id, tenantId, folds));
    }

    /** The tenant's job; another tenant's job does not exist for it. */
    public Uni<Optional<JobStore.Job>> find(String tenantId, String id) {
        return jobs.find(tenantId, EVALUATION, id);
    }

    private interface Work {
        void run(String id);
    }

    private Uni<String> submit(String tenantId, Work work) {
        String id = UUID.randomUUID().toString();
        return jobs.create(id, tenantId, EVALUATION).invoke(() -> {
            tracker.running(id);
            workers.submit(() -> {
                try {
                    work.run(id);
                } catch (RuntimeException e) {
                    Log.errorf(e, "Evaluation %s failed", id);
                    finish(id, "FAILED", null, List.of(new TrainingDataProblems.Problem("job",
                            "The evaluation could not be completed; please check the data and retry.")));
                } finally {
                    tracker.finished(id);
                }
            });
        }).replaceWith(id);
    }

    private void holdOut(String id, List<LabeledText> train, List<LabeledText> test) {
        DoubleConsumer progress = progress(id);
        long started = System.nanoTime();
        IntentModel model = new IntentTrainer().trainCalibrated(train, "evaluation-" + id,
                p -> progress.accept(0.8 * p));
        long trainMillis = (System.nanoTime() - started) / 1_000_000;
        EvaluationReport report = Evaluator.evaluate(model, test, train.size(), trainMillis,
                p -> progress.accept(0.8 + 0.2 * p));
        finish(id, "DONE", report, null);
    }

    private void kFold(String id, String tenant, int k) {
        List<LabeledText> examples = data.trainingData(tenant).await().atMost(DB);
        List<TrainingDataProblems.Problem> problems = new ArrayList<>(
                TrainingDataProblems.of("examples", examples, true));
        if (problems.isEmpty() && examples.size() < k) {
            problems.add(new TrainingDataProblems.Problem("folds", "the tenant has " + examples.size()
                    + " examples, fewer than the " + k + " folds asked for"));
        }
        if (!problems.isEmpty()) {
            finish(id, "FAILED", null, problems.stream().limit(50).toList());
            return;
        }
        DoubleConsumer progress = progress(id);
        List<List<Integer>> folds = IntentTrainer.folds(examples.size(), k, 42);
        List<String> expected = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        long trainNanos = 0;
        long predictNanos = 0;
        double thresholds = 0;
        int trained = 0;
        for (int f = 0; f < k; f++) {
            boolean[] held = new boolean[examples.size()];
            folds.get(f).forEach(i -> held[i] = true);
            List<LabeledText> train = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                if (!held[i]) {
                    train.add(examples.get(i));
                }
            }
            if (train.stream().map(LabeledText::intent).distinct().count() < 2) {
                continue;
            }
            int fold = f;
            long started = System.nanoTime();
            IntentModel model = new IntentTrainer().trainCalibrated(train, "cv-" + f,
                    p -> progress.accept((fold + 0.9 * p) / k));
            trainNanos += System.nanoTime() - started;
            thresholds += model.threshold();
            trained++;
            started = System.nanoTime();
            for (int i : folds.get(f)) {
                expected.add(IntentTrainer.expected(examples.get(i).intent()));
                predicted.add(model.predict(examples.get(i).text()));
            }
            predictNanos += System.nanoTime() - started;
            progress.accept((f + 1.0) / k);
        }
        EvaluationReport report = Evaluator.score(expected, predicted, examples.size(), trainNanos / 1_000_000,
                expected.isEmpty() ? 0 : predictNanos / 1000.0 / expected.size(),
                trained == 0 ? IntentTrainer.DEFAULT_THRESHOLD : Math.round(thresholds / trained * 1000) / 1000.0);
        finish(id, "DONE", report, null);
    }

    /** Progress in hundredths, written when it moved by at least 0.05 (never 1 before the job is done). */
    private DoubleConsumer progress(String id) {
        double[] last = {0};
        return p -> {
            double rounded = Math.min(0.99, Math.round(p * 100) / 100.0);
            if (rounded - last[0] >= 0.05) {
                last[0] = rounded;
                jobs.progress(id, rounded).await().atMost(DB);
            }
        };
    }

    private void finish(String id, String status, EvaluationReport report, List<TrainingDataProblems.Problem> errors) {
        jobs.finish(id, status, null, report == null ? null : json(report), errors == null ? null : json(errors))
                .await().atMost(DB);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
