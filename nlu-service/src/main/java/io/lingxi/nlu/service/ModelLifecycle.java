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
import io.lingxi.nlu.names.AnnotatedExample;
import io.lingxi.nlu.names.NameFinderEvaluation;
import io.lingxi.nlu.names.NameFinderModel;
import io.lingxi.nlu.names.NameFinderTrainer;
import io.lingxi.nlu.store.AnnotatedExampleStore;
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
    private final AnnotatedExampleStore annotated;
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

    public ModelLifecycle(TrainingDataStore data, AnnotatedExampleStore annotated, ModelStore models, JobStore jobs, ActiveIntentModel active,
            ModelPublisher publisher, ObjectMapper mapper, JobTracker tracker) {
        this.data = data;
        this.annotated = annotated;
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
            IntentTrainer.Calibrated trained = new IntentTrainer().trainEvaluated(examples, version, p -> {
                if (p - last[0] >= 0.1) {
                    last[0] = p;
                    jobs.progress(id, Math.round(0.6 * p * 100) / 100.0).await().atMost(DB);
                }
            });
            IntentModel model = trained.model();
            long trainMillis = (System.nanoTime() - started) / 1_000_000;
            // the calibration folds' out-of-fold predictions are the cross-validation: no extra training
            EvaluationReport report = Evaluator.score(trained.expected(), trained.predicted(), examples.size(),
                    trainMillis, 0, model.threshold());
            TrainedNames names = trainNameFinder(tenant);
            jobs.progress(id, 0.95).await().atMost(DB);
            String reportJson = json(report);
            if (names != null) {
                com.fasterxml.jackson.databind.node.ObjectNode withNames = mapper.valueToTree(report);
                withNames.set("nameFinder", mapper.valueToTree(names.report()));
                reportJson = json(withNames);
            }
            models.save(tenant, version, model.toBytes(), names == null ? null : names.bytes(), examples.size(),
                    reportJson).await().atMost(DB);
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

    private record TrainedNames(byte[] bytes, NameFinderEvaluation.Report report) {
    }

    /**
     * The name finder trained on the tenant's annotated examples, as stored, with its 3-fold cross-validation;
     * null when the tenant marked no names.
     */
    private TrainedNames trainNameFinder(String tenant) {
        List<AnnotatedExample> examples = annotated.examples(tenant).await().atMost(DB).stream()
                .map(AnnotatedExampleStore.Stored::example).toList();
        if (examples.stream().allMatch(e -> e.entities().isEmpty())) {
            return null;
        }
        long started = System.nanoTime();
        NameFinderTrainer trainer = new NameFinderTrainer();
        NameFinderModel names = trainer.train(examples);
        long trainMillis = (System.nanoTime() - started) / 1_000_000;
        NameFinderEvaluation.Report report = NameFinderEvaluation.crossValidate(examples, 3, trainer, trainMillis);
        Log.infof("Tenant %s: name finder (%s) trained on %d annotated examples in %d ms, 3-fold F1 %.3f", tenant,
                names.types(), examples.size(), trainMillis, report.overall().f1());
        return new TrainedNames(names.toBytes(), report);
    }

    /**
     * The report of a training job: 3-fold cross-validation of the tenant's data with the final model's
     * calibration (the production pipeline, with fallback), so the figures say how the new version will do.
     */
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
        String checksum = ModelStore.checksum(stored.bytes(), stored.nameFinder());
        if (expectedChecksum != null && !expectedChecksum.equals(checksum)) {
            throw new InvalidEventException("Model " + stored.version() + " does not match the published checksum");
        }
        try {
            active.activate(stored.tenantId(), IntentModel.fromBytes(stored.bytes()),
                    stored.nameFinder() == null ? null : NameFinderModel.fromBytes(stored.nameFinder()));
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
