package io.lingxi.nlu.model;

import io.lingxi.contracts.events.MessageUnderstood;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;
import opennlp.tools.ml.AbstractEventTrainer;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains intent models with OpenNLP maxent straight from feature events. Going through the event trainer
 * rather than {@code DocumentCategorizerME} means features are computed once per example (and reused across
 * folds), and no custom feature generator has to be re-created by class name or pass OpenNLP's extension
 * allow-list.
 */
public final class IntentTrainer {

    /** Learner settings; {@link #DEFAULT} is what the benchmark settled on. */
    public record Settings(String algorithm, int iterations, int cutoff, double l2Cost, IntentFeatures.Options features,
            int calibrationFolds) {
        public static final Settings DEFAULT = new Settings("MAXENT_QN+NAIVEBAYES:0.3/0.2", 40, 2, 0.3,
                IntentFeatures.Options.DEFAULT, 3);

        public Settings withAlgorithm(String algorithm, int iterations) {
            return new Settings(algorithm, iterations, cutoff, l2Cost, features, calibrationFolds);
        }

        public Settings withFeatures(IntentFeatures.Options options) {
            return new Settings(algorithm, iterations, cutoff, l2Cost, options, calibrationFolds);
        }

        public Settings withCutoff(int cutoff) {
            return new Settings(algorithm, iterations, cutoff, l2Cost, features, calibrationFolds);
        }

        public Settings withL2(double l2Cost) {
            return new Settings(algorithm, iterations, cutoff, l2Cost, features, calibrationFolds);
        }
    }

    /** Default threshold when the data is too small to choose one. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final Settings settings;
    private final IntentFeatures features;

    public IntentTrainer() {
        this(Settings.DEFAULT);
    }

    public IntentTrainer(Settings settings) {
        this.settings = settings;
        this.features = new IntentFeatures(settings.features());
    }

    public Settings settings() {
        return settings;
    }

    /** One model on all the data, uncalibrated (temperature 1, default threshold). */
    public IntentModel train(List<LabeledText> data, String version) {
        return model(events(data), 1.0, DEFAULT_THRESHOLD, version);
    }

    /**
     * {@code algorithm} is one OpenNLP trainer ({@code MAXENT}) or an ensemble such as
     * {@code MAXENT+NAIVEBAYES:0.5}: members joined by '+', each with an optional weight after ':'.
     */
    private IntentModel model(List<Event> events, double temperature, double threshold, String version) {
        return IntentModel.of(learners(events), weights(), latinWeights(), features, temperature, threshold, version);
    }

    /**
     * The ensemble members' weights for Chinese text, from {@code algorithm}: a member's weight follows its name
     * after ':' (default 1); {@code NAIVEBAYES:0.3/0.2} weighs naive Bayes 0.3 for Chinese and 0.2 for text without
     * Chinese characters ({@link #latinWeights}). Chinese character n-grams and English words with their character
     * 4-grams give the two learners differently sized feature sets, so each script has its own mix.
     */
    public double[] weights() {
        return weights(0);
    }

    /** The ensemble members' weights for text without Chinese characters (the second of {@code w/w}). */
    public double[] latinWeights() {
        return weights(1);
    }

    private double[] weights(int script) {
        String[] specs = settings.algorithm().split("\\+");
        double[] weights = new double[specs.length];
        for (int i = 0; i < specs.length; i++) {
            String[] parts = specs[i].split(":");
            String[] perScript = parts.length > 1 ? parts[1].split("/") : new String[] { "1" };
            weights[i] = Double.parseDouble(perScript[Math.min(script, perScript.length - 1)]);
        }
        return weights;
    }

    /** The ensemble members, trained by OpenNLP. */
    List<AbstractModel> learners(List<Event> events) {
        List<AbstractModel> members = new ArrayList<>();
        for (String spec : settings.algorithm().split("\\+")) {
            members.add(fit(events, spec.split(":")[0]));
        }
        return members;
    }

    IntentFeatures features() {
        return features;
    }

    /**
     * A calibrated model, and the held-out predictions its calibration was fitted on (each example predicted by a
     * model that did not see it, with the final temperature and threshold): every example for small data
     * (cross-validation), a fifth of it for {@link #LARGE} data; an evaluation of the training data that costs no
     * extra training.
     */
    public record Calibrated(IntentModel model, List<String> expected, List<String> predicted) {
    }

    /**
     * Trains on all the data, and fits the temperature and the fallback threshold on out-of-fold predictions
     * of {@code calibrationFolds} extra models. {@code progress} receives values in [0, 1].
     */
    public IntentModel trainCalibrated(List<LabeledText> data, String version, DoubleConsumer progress) {
        return trainEvaluated(data, version, progress).model();
    }

    /**
     * As {@link #trainCalibrated}, keeping the out-of-fold predictions. The final model and the calibration
     * models are independent, so they train side by side on up to as many threads as there are processors.
     * {@code progress} is called on the caller's thread, with growing values.
     */
    public Calibrated trainEvaluated(List<LabeledText> data, String version, DoubleConsumer progress) {
        List<Event> events = events(data);
        List<List<Integer>> split = calibrationSplit(data.size(), settings.calibrationFolds());
        int folds = split.size();
        // each example is held out by one calibration model at most, whose task alone writes its slot; the
        // completion of that task (Future.get) publishes the writes to this thread
        double[][] probabilities = new double[data.size()][];
        String[][] outcomeNames = new String[data.size()][];
        int steps = folds + 1;
        int threads = Math.max(1, Math.min(steps, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "intent-training");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<IntentModel> trainings = new ExecutorCompletionService<>(pool);
            Future<IntentModel> full = trainings.submit(() -> model(events, 1.0, DEFAULT_THRESHOLD, version));
            for (List<Integer> heldOut : split) {
                trainings.submit(() -> {
                    boolean[] held = new boolean[data.size()];
                    heldOut.forEach(i -> held[i] = true);
                    List<Event> train = new ArrayList<>();
                    for (int i = 0; i < events.size(); i++) {
                        if (!held[i]) {
                            train.add(events.get(i));
                        }
                    }
                    IntentModel model = model(train, 1.0, DEFAULT_THRESHOLD, "fold");
                    String[] names = model.intents().toArray(String[]::new);
                    for (int i : heldOut) {
                        probabilities[i] = model.raw(TextNormalizer.normalize(data.get(i).text()));
                        outcomeNames[i] = names;
                    }
                    return model;
                });
            }
            // progress is reported from the caller's thread only (it may block, and a caller's lambda may belong
            // to a class still being initialised on this thread)
            for (int done = 1; done <= steps; done++) {
                trainings.take().get();
                progress.accept(Math.min(0.99, done / (double) steps));
            }
            List<LabeledText> held = new ArrayList<>();
            List<double[]> heldProbabilities = new ArrayList<>();
            List<String[]> heldNames = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (probabilities[i] != null) {
                    held.add(data.get(i));
                    heldProbabilities.add(probabilities[i]);
                    heldNames.add(outcomeNames[i]);
                }
            }
            double temperature = fitTemperature(held, heldProbabilities, heldNames);
            double threshold = chooseThreshold(held, heldProbabilities, heldNames, temperature);
            List<String> expected = new ArrayList<>(held.size());
            List<String> predicted = new ArrayList<>(held.size());
            for (int i = 0; i < held.size(); i++) {
                expected.add(expected(held.get(i).intent()));
                predicted.add(predict(heldProbabilities.get(i), heldNames.get(i), temperature, threshold));
            }
            IntentModel model = full.get().withCalibration(temperature, threshold);
            progress.accept(1.0);
            return new Calibrated(model, expected, predicted);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("intent training failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("intent training was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** From this many examples on, one 20 % hold-out is enough to calibrate on (and to report from). */
    static final int LARGE = 5_000;

    /**
     * The held-out parts the calibration models leave out: {@code folds} folds covering all the data, or, for
     * {@link #LARGE} data, a single fifth of it: 1,000 or more held-out predictions fit a temperature and a
     * threshold as well as more would, and the training job then costs about two trainings on two cores, not four.
     */
    static List<List<Integer>> calibrationSplit(int size, int folds) {
        return size >= LARGE ? List.of(folds(size, 5, 17).get(0)) : folds(size, folds, 17);
    }

    /** What a model with this temperature and threshold answers, from its raw probabilities. */
    private static String predict(double[] raw, String[] names, double temperature, double threshold) {
        double[] q = IntentModel.calibrate(raw, temperature);
        int top = 0;
        for (int o = 1; o < q.length; o++) {
            if (q[o] > q[top]) {
                top = o;
            }
        }
        return q[top] < threshold || LabeledText.OUT_OF_SCOPE.equals(names[top])
                ? MessageUnderstood.FALLBACK_INTENT : names[top];
    }

    List<Event> events(List<LabeledText> data) {
        List<Event> events = new ArrayList<>(data.size());
        for (LabeledText example : data) {
            events.add(new Event(example.intent(), features.extract(TextNormalizer.normalize(example.text()))));
        }
        return events;
    }

    private AbstractModel fit(List<Event> events, String algorithm) {
        if ("MAXENT_QN".equals(algorithm) && !hasSignal(events, settings.cutoff())) {
            algorithm = "MAXENT"; // GIS has no line search to get stuck in
        }
        TrainingParameters parameters = parameters(algorithm);
        // OpenNLP's QN trainer with a cache-friendly objective (the same model, faster); the others as they are
        EventTrainer trainer;
        if ("MAXENT_QN".equals(algorithm)) {
            trainer = new IntentQNTrainer();
            trainer.init(parameters, new HashMap<>());
        } else {
            trainer = TrainerFactory.getEventTrainer(parameters, null);
        }
        try {
            return (AbstractModel) trainer.train(ObjectStreamUtils.createObjectStream(events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OpenNLP's training parameters for one ensemble member. */
    TrainingParameters parameters(String algorithm) {
        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
        parameters.put(TrainingParameters.ITERATIONS_PARAM, settings.iterations());
        parameters.put(TrainingParameters.CUTOFF_PARAM, settings.cutoff());
        parameters.put(TrainingParameters.THREADS_PARAM, 1); // the job runs its trainings side by side instead
        // in memory: OpenNLP's default two-pass indexer writes every event to a temporary file and reads it back
        parameters.put(AbstractEventTrainer.DATA_INDEXER_PARAM, AbstractEventTrainer.DATA_INDEXER_ONE_PASS_VALUE);
        parameters.put("L2Cost", settings.l2Cost());
        parameters.put("L1Cost", 0.0);
        parameters.put("PrintMessages", false);
        return parameters;
    }

    /**
     * Whether L-BFGS has anything to learn: some feature that OpenNLP keeps (seen in at least {@code cutoff}
     * examples) is spread unevenly over the outcomes. When none is, the gradient at the starting point is zero and
     * OpenNLP's line search never returns (seen with six examples of two intents, three each, whose shared features
     * are only the bias), so such data is trained with GIS instead.
     */
    static boolean hasSignal(List<Event> events, int cutoff) {
        Map<String, Integer> outcomes = new HashMap<>();
        for (Event e : events) {
            outcomes.putIfAbsent(e.getOutcome(), outcomes.size());
        }
        int o = outcomes.size();
        Map<String, int[]> counts = new HashMap<>();
        for (Event e : events) {
            int outcome = outcomes.get(e.getOutcome());
            for (String feature : e.getContext()) {
                counts.computeIfAbsent(feature, f -> new int[o])[outcome]++;
            }
        }
        for (int[] perOutcome : counts.values()) {
            int total = 0;
            for (int c : perOutcome) {
                total += c;
            }
            if (total < Math.max(1, cutoff)) {
                continue;
            }
            for (int c : perOutcome) {
                if ((long) c * o != total) {
                    return true; // the gradient at zero, c − total/o, is not zero here
                }
            }
        }
        return false;
    }

    /** Stratification is not needed for calibration; a seeded shuffle keeps results reproducible. */
    public static List<List<Integer>> folds(int size, int k, long seed) {
        List<Integer> order = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        for (int i = 0; i < size; i++) {
            folds.get(i % k).add(order.get(i));
        }
        return folds;
    }

    /** The temperature that minimises the negative log-likelihood of the true intent on held-out examples. */
    static double fitTemperature(List<LabeledText> data, List<double[]> probabilities, List<String[]> names) {
        double best = 1.0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double t = 0.1; t <= 3.0001; t += 0.05) {
            double loss = 0;
            for (int i = 0; i < data.size(); i++) {
                double[] q = IntentModel.calibrate(probabilities.get(i), t);
                int truth = indexOf(names.get(i), data.get(i).intent());
                loss -= Math.log(Math.max(truth < 0 ? 1e-6 : q[truth], 1e-12));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = t;
            }
        }
        return Math.round(best * 100) / 100.0;
    }

    /**
     * The confidence below which answering "not understood" beats guessing: it maximises right answers minus
     * wrong ones on held-out predictions (a fallback costs nothing, a wrong intent costs as much as a right one
     * gains). Out-of-scope examples, when the data has them, count as wrong whenever an intent is kept.
     */
    static double chooseThreshold(List<LabeledText> data, List<double[]> probabilities, List<String[]> names,
            double temperature) {
        int n = data.size();
        double[] confidence = new double[n];
        int[] value = new int[n]; // +1 right intent kept, -1 wrong intent kept, 0 out of scope recognised as such
        for (int i = 0; i < n; i++) {
            double[] q = IntentModel.calibrate(probabilities.get(i), temperature);
            int top = 0;
            for (int o = 1; o < q.length; o++) {
                if (q[o] > q[top]) {
                    top = o;
                }
            }
            String predicted = names.get(i)[top];
            String truth = data.get(i).intent();
            confidence[i] = q[top];
            if (LabeledText.OUT_OF_SCOPE.equals(predicted)) {
                value[i] = 0; // falls back whatever the threshold
            } else {
                value[i] = predicted.equals(truth) ? 1 : -1;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(confidence[a], confidence[b]));
        // threshold just above order[k] rejects items 0..k; scan for the best cut
        long gain = 0;
        for (int v : value) {
            gain += v;
        }
        long bestGain = gain;
        double best = 0.05;
        for (int k = 0; k < n; k++) {
            gain -= value[order[k]];
            if (k + 1 < n && confidence[order[k + 1]] <= confidence[order[k]]) {
                continue; // a threshold cannot split equal confidences
            }
            if (gain > bestGain) {
                bestGain = gain;
                best = k + 1 < n ? (confidence[order[k]] + confidence[order[k + 1]]) / 2 : confidence[order[k]];
            }
        }
        return Math.round(Math.max(0.05, Math.min(0.9, best)) * 1000) / 1000.0;
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The label evaluation expects for a test item: out-of-scope items expect the fallback intent. */
    public static String expected(String intent) {
        return LabeledText.OUT_OF_SCOPE.equals(intent) ? MessageUnderstood.FALLBACK_INTENT : intent;
    }
}
