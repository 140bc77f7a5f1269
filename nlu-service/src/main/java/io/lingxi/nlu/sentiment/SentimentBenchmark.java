package io.lingxi.nlu.sentiment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Measures the sentiment model on the hand-written held-out file (never trained on): accuracy and macro-F1,
 * overall and per language, per-label precision/recall/F1, the confusion matrix, training CPU time and the
 * single-thread cost of one classification; and, for comparison, the lexicon alone. Run with
 * {@code ./mvnw -B -o -q -pl nlu-service exec:java -Dnlu.sentiment=true}; {@code -Dsentiment.l2},
 * {@code -Dsentiment.cutoff}, {@code -Dsentiment.iterations}, {@code -Dsentiment.algorithm}
 * try other settings, {@code -Dsentiment.cv=k} sets the cross-validation folds of the training data (0: none), {@code -Dsentiment.showErrors=true} lists the mistakes.
 */
public final class SentimentBenchmark {

    private SentimentBenchmark() {
    }

    public static void main(String[] args) {
        SentimentModel.Settings d = SentimentModel.Settings.DEFAULT;
        SentimentModel.Settings settings = new SentimentModel.Settings(
                System.getProperty("sentiment.algorithm", d.algorithm()),
                Integer.getInteger("sentiment.iterations", d.iterations()),
                Integer.getInteger("sentiment.cutoff", d.cutoff()),
                Double.parseDouble(System.getProperty("sentiment.l2", String.valueOf(d.l2Cost()))));
        List<SentimentExample> train = SentimentExample.training();
        List<SentimentExample> test = SentimentExample.heldOut();
        System.out.printf("Sentiment benchmark; settings %s; training %d examples (%s), held-out %d (%s)%n", settings,
                train.size(), counts(train), test.size(), counts(test));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SentimentModel.train(train, settings); // warm-up: class loading and JIT
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        SentimentModel model = SentimentModel.train(train, settings);
        System.out.printf("Training: %.0f ms CPU, %.0f ms wall (second run in this JVM)%n",
                (threads.getCurrentThreadCpuTime() - cpu) / 1e6, (System.nanoTime() - wall) / 1e6);

        Report all = report("Model, held-out", test, text -> model.classify(text).label());
        report("Model, held-out, Chinese", test.stream().filter(e -> chinese(e.text())).toList(),
                text -> model.classify(text).label());
        report("Model, held-out, English", test.stream().filter(e -> !chinese(e.text())).toList(),
                text -> model.classify(text).label());
        all.printPerLabel();
        report("Lexicon alone (before), held-out", test, SentimentBenchmark::lexiconLabel);
        report("Model on its own training data", train, text -> model.classify(text).label());

        int folds = Integer.getInteger("sentiment.cv", 5);
        if (folds > 1) {
            // cross-validation of the training data: how settings are chosen without looking at the held-out file
            List<SentimentExample> shuffled = new ArrayList<>(train);
            java.util.Collections.shuffle(shuffled, new java.util.Random(7));
            int[][] confusion = new int[3][3];
            for (int f = 0; f < folds; f++) {
                List<SentimentExample> in = new ArrayList<>();
                List<SentimentExample> out = new ArrayList<>();
                for (int i = 0; i < shuffled.size(); i++) {
                    (i % folds == f ? out : in).add(shuffled.get(i));
                }
                SentimentModel foldModel = SentimentModel.train(in, settings);
                int[][] part = evaluate(out, text -> foldModel.classify(text).label()).confusion();
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        confusion[i][j] += part[i][j];
                    }
                }
            }
            Report cv = new Report(confusion);
            System.out.printf("Training data, %d-fold cross-validation: accuracy %.2f%%, macro-F1 %.2f%%%n", folds,
                    100 * cv.accuracy(), 100 * cv.macroF1());
        }

        long lexiconStrong = test.stream().filter(e -> "negative".equals(e.label()))
                .filter(e -> SentimentLexicon.score(e.text()) <= -0.7).count();
        long strongly = test.stream().filter(e -> "negative".equals(e.label()))
                .filter(e -> model.classify(e.text()).score() <= -0.7).count();
        long negatives = test.stream().filter(e -> "negative".equals(e.label())).count();
        long falseStrong = test.stream().filter(e -> !"negative".equals(e.label()))
                .filter(e -> model.classify(e.text()).score() <= -0.7).count();
        System.out.printf("Score <= -0.7 (dialogue's immediate handoff): %d of %d negative held-out messages, "
                + "%d of %d others (lexicon alone: %d of the negative ones)%n", strongly, negatives, falseStrong,
                test.size() - negatives, lexiconStrong);

        for (int round = 0; round < 3; round++) {
            for (SentimentExample e : test) {
                model.classify(e.text());
            }
        }
        int rounds = 200;
        long started = threads.getCurrentThreadCpuTime();
        double sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (SentimentExample e : test) {
                sink += model.classify(e.text()).score();
            }
        }
        double micros = (threads.getCurrentThreadCpuTime() - started) / 1e3 / (rounds * (double) test.size());
        System.out.printf("Classification: %.1f µs CPU per message, one thread (%.0f per CPU second) [%s]%n", micros,
                1e6 / micros, sink > Double.MAX_VALUE ? "" : "ok");

        if (Boolean.getBoolean("sentiment.showErrors")) {
            for (SentimentExample e : test) {
                SentimentResult r = model.classify(e.text());
                if (!r.label().equals(e.label())) {
                    System.out.printf("  expected %-8s got %-8s %5.2f %.2f  %s%n", e.label(), r.label(), r.score(),
                            r.confidence(), e.text());
                }
            }
        }
    }

    private static String lexiconLabel(String text) {
        double score = SentimentLexicon.score(text);
        return score <= -0.3 ? "negative" : score >= 0.3 ? "positive" : "neutral";
    }

    static boolean chinese(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static String counts(List<SentimentExample> data) {
        List<String> parts = new ArrayList<>();
        for (String label : SentimentModel.LABELS) {
            long zh = data.stream().filter(e -> e.label().equals(label) && chinese(e.text())).count();
            long en = data.stream().filter(e -> e.label().equals(label) && !chinese(e.text())).count();
            parts.add(label + " zh " + zh + " en " + en);
        }
        return String.join(", ", parts);
    }

    /** Accuracy and macro-F1 of {@code classifier} on {@code data}. */
    public static Report evaluate(List<SentimentExample> data, Function<String, String> classifier) {
        int n = SentimentModel.LABELS.size();
        int[][] confusion = new int[n][n];
        for (SentimentExample e : data) {
            confusion[SentimentModel.LABELS.indexOf(e.label())][SentimentModel.LABELS.indexOf(classifier.apply(e.text()))]++;
        }
        return new Report(confusion);
    }

    private static Report report(String name, List<SentimentExample> data, Function<String, String> classifier) {
        Report report = evaluate(data, classifier);
        System.out.printf("%s (%d): accuracy %.2f%%, macro-F1 %.2f%%%n", name, data.size(), 100 * report.accuracy(),
                100 * report.macroF1());
        return report;
    }

    /** Rows: expected label, columns: predicted, in the order of {@link SentimentModel#LABELS}. */
    public record Report(int[][] confusion) {

        public double accuracy() {
            int right = 0;
            int all = 0;
            for (int i = 0; i < confusion.length; i++) {
                for (int j = 0; j < confusion.length; j++) {
                    all += confusion[i][j];
                    right += i == j ? confusion[i][j] : 0;
                }
            }
            return all == 0 ? 0 : right / (double) all;
        }

        public double f1(int label) {
            int predicted = 0;
            int actual = 0;
            for (int i = 0; i < confusion.length; i++) {
                predicted += confusion[i][label];
                actual += confusion[label][i];
            }
            double precision = predicted == 0 ? 0 : confusion[label][label] / (double) predicted;
            double recall = actual == 0 ? 0 : confusion[label][label] / (double) actual;
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }

        public double macroF1() {
            double sum = 0;
            for (int i = 0; i < confusion.length; i++) {
                sum += f1(i);
            }
            return sum / confusion.length;
        }

        void printPerLabel() {
            for (int i = 0; i < confusion.length; i++) {
                int predicted = 0;
                int actual = 0;
                for (int j = 0; j < confusion.length; j++) {
                    predicted += confusion[j][i];
                    actual += confusion[i][j];
                }
                System.out.printf("  %-8s precision %.3f recall %.3f F1 %.3f support %d; predicted as %s%n",
                        SentimentModel.LABELS.get(i), predicted == 0 ? 0 : confusion[i][i] / (double) predicted,
                        actual == 0 ? 0 : confusion[i][i] / (double) actual, f1(i), actual,
                        java.util.Arrays.toString(confusion[i]));
            }
        }
    }
}
