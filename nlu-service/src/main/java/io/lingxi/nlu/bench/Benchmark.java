package io.lingxi.nlu.bench;

import io.lingxi.nlu.model.EnsembleTuning;
import io.lingxi.nlu.model.EvaluationReport;
import io.lingxi.nlu.model.Evaluator;
import io.lingxi.nlu.model.IntentFeatures;
import io.lingxi.nlu.model.IntentModel;
import io.lingxi.nlu.model.IntentTrainer;
import io.lingxi.nlu.model.LabeledText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The NLU benchmark on the public intent sets in {@code ../shared/datasets} (read at run time, never copied
 * into the repository): SMP2017-ECDT train → dev, BANKING77 5-fold cross-validation, training time and
 * single-thread classifications per second. Run {@code ./mvnw -pl nlu-service exec:java}; system properties
 * {@code nlu.algorithm}, {@code nlu.iterations}, {@code nlu.cutoff}, {@code nlu.l2}, {@code nlu.datasets} try
 * other settings.
 */
public final class Benchmark {

    public static void main(String[] args) throws IOException {
        if (Boolean.getBoolean("nlu.sentiment")) {
            io.lingxi.nlu.sentiment.SentimentBenchmark.main(args); // the sentiment model on its held-out file
            return;
        }
        Path datasets = datasets();
        IntentTrainer.Settings settings = settings();
        System.out.printf("NLU benchmark; datasets %s; settings %s; java %s; %d cores%n", datasets, settings,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        IntentTrainer trainer = new IntentTrainer(settings);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();

        if (!Boolean.getBoolean("nlu.skipDefault")) {
            List<LabeledText> shipped = io.lingxi.nlu.model.TrainingData.defaults();
            long cpu = threads.getCurrentThreadCpuTime();
            IntentModel model = trainer.trainCalibrated(shipped, "default", p -> { });
            System.out.printf("Default bilingual model: %d examples, calibrated training (%d folds + final) %.1f s CPU;"
                    + " temperature %.2f, fallback threshold %.3f%n", shipped.size(), settings.calibrationFolds(),
                    (threads.getCurrentThreadCpuTime() - cpu) / 1e9, model.temperature(), model.threshold());
            EvaluationReport cv = crossValidate(trainer, shipped, 5, true);
            System.out.printf("Default bilingual model 5-fold CV (calibrated, with fallback): accuracy %.2f%%, "
                    + "macro-F1 %.2f%%, in-scope accuracy %.2f%%, oos recall %.2f%%, oos precision %.2f%%%n",
                    100 * cv.accuracy(), 100 * cv.macroF1(), 100 * cv.inScopeAccuracy(), 100 * cv.oosRecall(),
                    100 * cv.oosPrecision());
        }

        if (Boolean.getBoolean("nlu.tune")) {
            nestedTuning(trainer, datasets);
            return;
        }

        if (!Boolean.getBoolean("nlu.skipSmp")) {
            List<LabeledText> smpTrain = read(datasets.resolve("smp2017_ecdt/train.tsv"));
            List<LabeledText> smpDev = read(datasets.resolve("smp2017_ecdt/dev.tsv"));
            long started = threads.getCurrentThreadCpuTime();
            IntentModel smp = trainer.train(smpTrain, "smp").withCalibration(1.0, 0.0);
            long millis = (threads.getCurrentThreadCpuTime() - started) / 1_000_000;
            EvaluationReport report = Evaluator.evaluate(smp, smpDev, smpTrain.size(), millis, p -> { });
            System.out.printf("SMP2017-ECDT train(%d) -> dev(%d): accuracy %.2f%%, macro-F1 %.2f%%, training %.1f s CPU%n",
                    smpTrain.size(), smpDev.size(), 100 * report.accuracy(), 100 * report.macroF1(), millis / 1000.0);
            if (Boolean.getBoolean("nlu.showErrors")) {
                for (LabeledText item : smpDev) {
                    String p = smp.predict(item.text());
                    if (!p.equals(item.intent())) {
                        System.out.println("    " + item.text() + "\t" + item.intent() + " -> " + p);
                    }
                }
            }
            System.out.println("  top confusions: " + report.topConfusions().subList(0, Math.min(5,
                    report.topConfusions().size())));
        }

        if (Boolean.getBoolean("nlu.skipBanking")) {
            return;
        }
        List<LabeledText> banking = read(datasets.resolve("banking77/train.tsv"));
        int k = Integer.getInteger("nlu.folds", 5);
        long seed = 42;
        if (Boolean.getBoolean("nlu.inner")) {
            // model selection without touching any test fold: only the training part of outer fold 1, re-split
            List<List<Integer>> outer = IntentTrainer.folds(banking.size(), k, 42);
            boolean[] held = new boolean[banking.size()];
            outer.get(0).forEach(i -> held[i] = true);
            List<LabeledText> trainPart = new ArrayList<>();
            for (int i = 0; i < banking.size(); i++) {
                if (!held[i]) {
                    trainPart.add(banking.get(i));
                }
            }
            banking = trainPart;
            seed = 7;
            System.out.printf("Inner selection: training part of outer fold 1 (%d examples), re-split with seed 7%n",
                    banking.size());
        }
        List<List<Integer>> folds = IntentTrainer.folds(banking.size(), k, seed);
        List<String> expected = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        long foldMillis = 0;
        int runFolds = Integer.getInteger("nlu.runFolds", k);
        if (runFolds == 0) {
            folds = List.of();
        }
        for (int f = 0; f < Math.min(runFolds, folds.size()); f++) {
            boolean[] held = new boolean[banking.size()];
            folds.get(f).forEach(i -> held[i] = true);
            List<LabeledText> train = new ArrayList<>();
            List<LabeledText> test = new ArrayList<>();
            for (int i = 0; i < banking.size(); i++) {
                (held[i] ? test : train).add(banking.get(i));
            }
            long started = threads.getCurrentThreadCpuTime();
            IntentModel model = trainer.train(train, "fold").withCalibration(1.0, 0.0);
            foldMillis += (threads.getCurrentThreadCpuTime() - started) / 1_000_000;
            for (LabeledText item : test) {
                expected.add(item.intent());
                predicted.add(model.predict(item.text()));
            }
            System.out.printf("  fold %d: cumulative accuracy %.2f%%%n", f + 1,
                    100 * Evaluator.score(expected, predicted, 0, 0, 0, 0).accuracy());
        }
        EvaluationReport cv = Evaluator.score(expected, predicted, banking.size(), foldMillis, 0, 0);
        System.out.printf("BANKING77 %d-fold CV (%d examples, 77 intents): accuracy %.2f%%, macro-F1 %.2f%%, "
                + "mean fold training %.1f s CPU%n", k, banking.size(), 100 * cv.accuracy(), 100 * cv.macroF1(),
                foldMillis / 1000.0 / runFolds);
        if (runFolds < k && runFolds > 0) {
            return;
        }

        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        IntentModel full = trainer.train(banking, "banking77");
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        double trainCpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        System.out.printf("BANKING77 training on all %d examples, one thread: %.1f s CPU (%.1f s wall)%n",
                banking.size(), trainCpuSeconds, trainSeconds);
        if (!Boolean.getBoolean("nlu.skipJob")) {
            // what a training job runs: the final model and the calibration model(s), whose held-out predictions
            // are also the job's evaluation report, side by side on the machine's cores
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long processCpu = os.getProcessCpuTime();
            started = System.nanoTime();
            IntentTrainer.Calibrated job = trainer.trainEvaluated(banking, "banking77-job", p -> { });
            double jobSeconds = (System.nanoTime() - started) / 1e9;
            EvaluationReport jobReport = Evaluator.score(job.expected(), job.predicted(), banking.size(), 0, 0,
                    job.model().threshold());
            System.out.printf("BANKING77 training job on all %d examples (final model + calibration on %d held-out "
                    + "examples, %d threads): %.1f s wall, %.1f s CPU; temperature %.2f, fallback threshold %.3f; "
                    + "held-out accuracy %.2f%% (fallback counted wrong)%n", banking.size(), job.expected().size(),
                    Math.min(2, Runtime.getRuntime().availableProcessors()), jobSeconds,
                    (os.getProcessCpuTime() - processCpu) / 1e9, job.model().temperature(), job.model().threshold(),
                    100 * jobReport.accuracy());
        }
        if (Boolean.getBoolean("nlu.skipSpeed")) {
            return;
        }

        int sink = 0;
        for (int round = 0; round < 3; round++) { // warm-up
            for (LabeledText item : banking) {
                sink += full.rank(item.text(), 3).size();
            }
        }
        long count = 0;
        started = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        long budget = 5_000_000_000L; // five seconds of this thread's CPU time
        while (threads.getCurrentThreadCpuTime() - cpu < budget) {
            for (LabeledText item : banking) {
                sink += full.rank(item.text(), 3).size();
            }
            count += banking.size();
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        double seconds = (System.nanoTime() - started) / 1e9;
        // CPU time, not wall time: on a shared machine the wall clock also counts other processes' turns
        System.out.printf("Classification (normalise + features + top-3 ranking), one thread, BANKING77 model: "
                + "%,.0f classifications per CPU second (%.1f µs each; %,.0f/s by the wall clock)%s%n",
                count / cpuSeconds, cpuSeconds * 1e6 / count, count / seconds, sink == 0 ? "!" : "");
    }

    /**
     * The naive Bayes weight and smoothing chosen on training data only (EnsembleTuning), against the fixed
     * defaults: SMP tuned by 5-fold CV on its train set, then scored on dev; BANKING77 nested (each outer fold
     * tuned on an 80/20 split of its own training part).
     */
    static void nestedTuning(IntentTrainer trainer, Path datasets) throws IOException {
        EnsembleTuning.Choice fixed = new EnsembleTuning.Choice(trainer.weights().length > 1 ? trainer.weights()[1]
                : 0, 0.05, 0);
        if (!Boolean.getBoolean("nlu.skipSmp")) {
            List<LabeledText> smpTrain = read(datasets.resolve("smp2017_ecdt/train.tsv"));
            List<LabeledText> smpDev = read(datasets.resolve("smp2017_ecdt/dev.tsv"));
            EnsembleTuning.Choice choice = EnsembleTuning.choose(trainer, smpTrain, 5, 5);
            List<IntentModel> models = EnsembleTuning.build(trainer, smpTrain, choice, fixed);
            System.out.printf("SMP tuned on train (5-fold): %s; dev accuracy tuned %.2f%%, fixed %s %.2f%%%n", choice,
                    100 * accuracy(models.get(0), smpDev), fixed, 100 * accuracy(models.get(1), smpDev));
        }
        if (Boolean.getBoolean("nlu.skipBanking")) {
            return;
        }
        List<LabeledText> banking = read(datasets.resolve("banking77/train.tsv"));
        List<List<Integer>> folds = IntentTrainer.folds(banking.size(), 5, 42);
        int tunedRight = 0;
        int fixedRight = 0;
        int seen = 0;
        for (int f = 0; f < Integer.getInteger("nlu.runFolds", 5); f++) {
            boolean[] held = new boolean[banking.size()];
            folds.get(f).forEach(i -> held[i] = true);
            List<LabeledText> train = new ArrayList<>();
            List<LabeledText> test = new ArrayList<>();
            for (int i = 0; i < banking.size(); i++) {
                (held[i] ? test : train).add(banking.get(i));
            }
            EnsembleTuning.Choice choice = EnsembleTuning.choose(trainer, train, 5);
            List<IntentModel> models = EnsembleTuning.build(trainer, train, choice, fixed);
            tunedRight += Math.round(accuracy(models.get(0), test) * test.size());
            fixedRight += Math.round(accuracy(models.get(1), test) * test.size());
            seen += test.size();
            System.out.printf("  BANKING77 fold %d: chose %s; cumulative accuracy tuned %.2f%%, fixed %.2f%%%n",
                    f + 1, choice, 100.0 * tunedRight / seen, 100.0 * fixedRight / seen);
        }
    }

    static double accuracy(IntentModel model, List<LabeledText> test) {
        int right = 0;
        for (LabeledText item : test) {
            if (model.predict(item.text()).equals(item.intent())) {
                right++;
            }
        }
        return right / (double) test.size();
    }

    /** k-fold cross-validation; {@code calibrated} trains as production does (temperature, threshold). */
    static EvaluationReport crossValidate(IntentTrainer trainer, List<LabeledText> data, int k, boolean calibrated) {
        List<List<Integer>> folds = IntentTrainer.folds(data.size(), k, 42);
        List<String> expected = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (List<Integer> fold : folds) {
            boolean[] held = new boolean[data.size()];
            fold.forEach(i -> held[i] = true);
            List<LabeledText> train = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (!held[i]) {
                    train.add(data.get(i));
                }
            }
            IntentModel model = calibrated ? trainer.trainCalibrated(train, "cv", p -> { })
                    : trainer.train(train, "cv").withCalibration(1.0, 0.0);
            for (int i : fold) {
                expected.add(IntentTrainer.expected(data.get(i).intent()));
                predicted.add(model.predict(data.get(i).text()));
            }
        }
        return Evaluator.score(expected, predicted, data.size(), 0, 0, 0);
    }

    static IntentTrainer.Settings settings() {
        IntentTrainer.Settings d = IntentTrainer.Settings.DEFAULT;
        IntentFeatures.Options o = d.features();
        IntentFeatures.Options options = new IntentFeatures.Options(
                Boolean.parseBoolean(System.getProperty("nlu.hanTrigrams", "" + o.hanTrigrams())),
                Boolean.parseBoolean(System.getProperty("nlu.wordBigrams", "" + o.wordBigrams())),
                Integer.getInteger("nlu.charGramMin", o.charGramMin()),
                Integer.getInteger("nlu.charGramMax", o.charGramMax()),
                Boolean.parseBoolean(System.getProperty("nlu.wordTrigrams", "" + o.wordTrigrams())),
                Boolean.parseBoolean(System.getProperty("nlu.hanFourGrams", "" + o.hanFourGrams())),
                Boolean.parseBoolean(System.getProperty("nlu.rawWords", "" + o.rawWords())),
                Boolean.parseBoolean(System.getProperty("nlu.skipBigrams", "" + o.skipBigrams())));
        return new IntentTrainer.Settings(System.getProperty("nlu.algorithm", d.algorithm()),
                Integer.getInteger("nlu.iterations", d.iterations()), Integer.getInteger("nlu.cutoff", d.cutoff()),
                Double.parseDouble(System.getProperty("nlu.l2", "" + d.l2Cost())), options, d.calibrationFolds());
    }

    /** {@code ../shared/datasets} relative to the repository root (the folder holding mvnw), or nlu.datasets. */
    static Path datasets() {
        String explicit = System.getProperty("nlu.datasets");
        if (explicit != null) {
            return Path.of(explicit);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run from inside the repository, or set -Dnlu.datasets=<folder>");
        }
        return dir.resolve("../shared/datasets").normalize();
    }

    public static List<LabeledText> read(Path tsv) throws IOException {
        List<LabeledText> items = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                items.add(new LabeledText(line.substring(0, tab), line.substring(tab + 1).trim()));
            }
        }
        return items;
    }
}
