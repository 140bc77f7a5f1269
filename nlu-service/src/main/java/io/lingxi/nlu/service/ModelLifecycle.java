package io.lingxi.nlu.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lingxi.contracts.events.ModelPublished;
import io.lingxi.contracts.messaging.InvalidEventException;
import io.lingxi.nlu.messaging.ModelPublisher;
import io.lingxi.nlu.model.EvaluationReport;
import io.lingxi.nlu.model.Evaluator;
import io.lingxi.nlu.model.IntentModel;
import io.lingxi.nlu.model.IntentTrainer;
import io.lingxi.nlu.model.LabeledText;
import io.lingxi.nlu.model.TrainingDataProblems;
import io.lingxi.nlu.store.JobStore;
import io.lingxi.nlu.store.ModelStore;
import io.lingxi.nlu.store.TrainingDataStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tenant's model lifecycle: training runs as a background job (progress and report in PostgreSQL), each
 * result is stored as a new version, activation marks one version active and publishes {@code cs.nlu.model.v1},
 * and every replica (this one included) loads the announced version and swaps it in. Bad training data fails
 * the job with a report and leaves the active model in service.
 */
@ApplicationScoped
public class ModelLifecycle {

    public static final String TRAINING = "TRAINING";
    static final Duration DB = Duration.ofSeconds(30);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final TrainingDataStore data;
    private final ModelStore models;
    private final JobStore jobs;
    private final ActiveIntentModel active;
    private final ModelPublisher publisher;
    private final ObjectMapper mapper;
    private final JobTracker tracker;
    private final Map<String, String> loaded = new ConcurrentHashMap<>(); // tenant → version in service here
    private final ExecutorService workers = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nlu-training");
        thread.setDaemon(true);
        return thread;
    });

    public ModelLifecycle(TrainingDataStore data, ModelStore models, JobStore jobs, ActiveIntentModel active,
            ModelPublisher publisher, ObjectMapper mapper, JobTracker tracker) {
        this.data = data;
        this.models = models;
        this.jobs = jobs;
        this.active = active;
        this.publisher = publisher;
        this.mapper = mapper;
        this.tracker = tracker;
    }

    /** Serves every tenant's active version from the start, before the model topic is even read. */
    void start(@Observes StartupEvent event) {
        workers.submit(() -> {
            try {
                for (ModelStore.Stored stored : models.activeModels().await().atMost(DB)) {
                    swapIn(stored, stored.checksum());
                }
            } catch (RuntimeException e) {
                Log.warnf("Active tenant models could not be loaded at start (%s); the model topic will bring them",
                        e.getMessage());
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
    }

    /** Starts training the tenant's model on its stored examples; the job id. */
    public Uni<String> startTraining(String tenant, boolean activate) {
        String id = UUID.randomUUID().toString();
        return jobs.create(id, tenant, TRAINING).invoke(() -> {
            tracker.running(id);
            workers.submit(() -> {
                try {
                    train(id, tenant, activate);
                } finally {
                    tracker.finished(id);
                }
            });
        })
                .replaceWith(id);
    }

    private void train(String id, String tenant, boolean activate) {
        try {
            List<LabeledText> examples = data.trainingData(tenant).await().atMost(DB);
            List<TrainingDataProblems.Problem> problems = TrainingDataProblems.of("examples", examples, true);
            if (!problems.isEmpty()) {
                List<TrainingDataProblems.Problem> described = new ArrayList<>();
                for (TrainingDataProblems.Problem p : problems) {
                    described.add(new TrainingDataProblems.Problem(describe(p.field(), examples), p.message()));
                }
                jobs.finish(id, "FAILED", null, null, json(described)).await().atMost(DB);
                return;
            }
            String version = tenant + "-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "-"
                    + id.substring(0, 4);
            long started = System.nanoTime();
            double[] last = {0};
            IntentModel model = new IntentTrainer().trainCalibrated(examples, version, p -> {
                if (p - last[0] >= 0.1) {
                    last[0] = p;
                    jobs.progress(id, Math.round(0.6 * p * 100) / 100.0).await().atMost(DB);
                }
            });
            long trainMillis = (System.nanoTime() - started) / 1_000_000;
            EvaluationReport report = crossValidate(examples, model, trainMillis);
            jobs.progress(id, 0.95).await().atMost(DB);
            String reportJson = json(report);
            models.save(tenant, version, model.toBytes(), examples.size(), reportJson).await().atMost(DB);
            if (activate) {
                activate(tenant, version).await().atMost(DB);
            }
            jobs.finish(id, "DONE", version, reportJson, null).await().atMost(DB);
            Log.infof("Tenant %s: model %s trained on %d examples in %d ms", tenant, version, examples.size(),
                    trainMillis);
        } catch (RuntimeException e) {
            Log.errorf(e, "Training job %s of tenant %s failed", id, tenant);
            jobs.finish(id, "FAILED", null, null,
                    json(List.of(new TrainingDataProblems.Problem("job",
                            "Training could not be completed; the active model stays in service. Retry later."))))
                    .await().atMost(DB);
        }
    }

    /**
     * The report of a training job: 3-fold cross-validation of the tenant's data with the final model's
     * calibration (the production pipeline, with fallback), so the figures say how the new version will do.
     */
    private EvaluationReport crossValidate(List<LabeledText> examples, IntentModel model, long trainMillis) {
        List<List<Integer>> folds = IntentTrainer.folds(examples.size(), 3, 7);
        List<String> expected = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (List<Integer> fold : folds) {
            boolean[] held = new boolean[examples.size()];
            fold.forEach(i -> held[i] = true);
            List<LabeledText> train = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                if (!held[i]) {
                    train.add(examples.get(i));
                }
            }
            if (train.stream().map(LabeledText::intent).distinct().count() < 2) {
                continue;
            }
            IntentModel foldModel = new IntentTrainer().train(train, "cv")
                    .withCalibration(model.temperature(), model.threshold());
            for (int i : fold) {
                expected.add(IntentTrainer.expected(examples.get(i).intent()));
                predicted.add(foldModel.predict(examples.get(i).text()));
            }
        }
        return Evaluator.score(expected, predicted, examples.size(), trainMillis, 0, model.threshold());
    }

    /** {@code examples[3].text} → {@code example 'where is…' (intent logistics)}: stored data has no line numbers. */
    private static String describe(String field, List<LabeledText> examples) {
        int open = field.indexOf('[');
        int close = field.indexOf(']');
        if (open < 0 || close < open) {
            return field;
        }
        LabeledText example = examples.get(Integer.parseInt(field.substring(open + 1, close)));
        String text = example.text() == null ? "" : example.text();
        return "example '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "' (intent "
                + example.intent() + ")";
    }

    /** Marks the version active and announces it; false when the tenant has no such version. */
    public Uni<Boolean> activate(String tenant, String version) {
        return models.activate(tenant, version).chain(done -> {
            if (!done) {
                return Uni.createFrom().item(false);
            }
            return models.find(tenant, version).chain(found -> publisher.publish(tenant, version,
                    found.orElseThrow().checksum())).replaceWith(true);
        });
    }

    /** Loads and swaps in the announced version (on a worker thread). */
    public void load(ModelPublished event) {
        if (event.modelVersion().equals(loaded.get(event.tenantId()))) {
            return;
        }
        Optional<ModelStore.Stored> stored = models.load(event.tenantId(), event.modelVersion()).await().atMost(DB);
        if (stored.isEmpty()) {
            throw new InvalidEventException("Model " + event.modelVersion() + " of tenant " + event.tenantId()
                    + " is not in the model store");
        }
        swapIn(stored.get(), event.checksum());
    }

    private void swapIn(ModelStore.Stored stored, String expectedChecksum) {
        String checksum = ModelStore.sha256(stored.bytes());
        if (expectedChecksum != null && !expectedChecksum.equals(checksum)) {
            throw new InvalidEventException("Model " + stored.version() + " does not match the published checksum");
        }
        try {
            active.activate(stored.tenantId(), IntentModel.fromBytes(stored.bytes()));
        } catch (IOException e) {
            throw new InvalidEventException("Model " + stored.version() + " cannot be read: " + e.getMessage(), e);
        }
        loaded.put(stored.tenantId(), stored.version());
        Log.infof("Tenant %s now served by model %s", stored.tenantId(), stored.version());
    }

    /** The version this replica serves for the tenant, if it has its own. */
    public Optional<String> servedVersion(String tenant) {
        return Optional.ofNullable(loaded.get(tenant));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
