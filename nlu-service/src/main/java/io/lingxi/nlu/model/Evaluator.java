package io.lingxi.nlu.model;

import io.lingxi.contracts.events.MessageUnderstood;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleConsumer;

/** Scores a model on labelled test items: accuracy, macro-F1, per-intent figures, confusions, out-of-scope. */
public final class Evaluator {

    private Evaluator() {
    }

    public static EvaluationReport evaluate(IntentModel model, List<LabeledText> test, int trainSize,
            long trainMillis, DoubleConsumer progress) {
        List<String> expected = new ArrayList<>(test.size());
        List<String> predicted = new ArrayList<>(test.size());
        long started = System.nanoTime();
        for (int i = 0; i < test.size(); i++) {
            expected.add(IntentTrainer.expected(test.get(i).intent()));
            predicted.add(model.predict(test.get(i).text()));
            if (i % 500 == 499) {
                progress.accept((i + 1.0) / test.size());
            }
        }
        double meanMicros = test.isEmpty() ? 0 : (System.nanoTime() - started) / 1000.0 / test.size();
        return score(expected, predicted, trainSize, trainMillis, meanMicros, model.threshold());
    }

    public static EvaluationReport score(List<String> expected, List<String> predicted, int trainSize,
            long trainMillis, double meanPredictMicros, double threshold) {
        String fallback = MessageUnderstood.FALLBACK_INTENT;
        int n = expected.size();
        int correct = 0;
        Map<String, int[]> counts = new TreeMap<>(); // tp, fp, fn, support
        Map<String, Integer> confusions = new HashMap<>();
        int inScope = 0;
        int inScopeCorrect = 0;
        int oos = 0;
        int oosCaught = 0;
        int fallbacks = 0;
        for (int i = 0; i < n; i++) {
            String e = expected.get(i);
            String p = predicted.get(i);
            counts.computeIfAbsent(e, k -> new int[4])[3]++;
            if (e.equals(p)) {
                correct++;
                counts.get(e)[0]++;
            } else {
                counts.get(e)[2]++;
                counts.computeIfAbsent(p, k -> new int[4])[1]++;
                confusions.merge(e + "\u0000" + p, 1, Integer::sum);
            }
            if (p.equals(fallback)) {
                fallbacks++;
            }
            if (e.equals(fallback)) {
                oos++;
                if (p.equals(fallback)) {
                    oosCaught++;
                }
            } else {
                inScope++;
                if (e.equals(p)) {
                    inScopeCorrect++;
                }
            }
        }
        List<EvaluationReport.IntentMetrics> perIntent = new ArrayList<>();
        double f1Sum = 0;
        int labels = 0;
        for (String label : new TreeSet<>(counts.keySet())) {
            int[] c = counts.get(label);
            if (c[3] == 0) {
                continue; // predicted but never expected: counted in the others' precision
            }
            double precision = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
            double recall = (double) c[0] / c[3];
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perIntent.add(new EvaluationReport.IntentMetrics(label, round(precision), round(recall), round(f1), c[3]));
            f1Sum += f1;
            labels++;
        }
        List<EvaluationReport.Confusion> top = confusions.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .map(entry -> {
                    String[] pair = entry.getKey().split("\u0000", 2);
                    return new EvaluationReport.Confusion(pair[0], pair[1], entry.getValue());
                })
                .toList();
        Double inScopeAccuracy = null;
        Double oosRecall = null;
        Double oosPrecision = null;
        if (oos > 0) {
            inScopeAccuracy = inScope == 0 ? 0.0 : round((double) inScopeCorrect / inScope);
            oosRecall = round((double) oosCaught / oos);
            oosPrecision = fallbacks == 0 ? 0.0 : round((double) oosCaught / fallbacks);
        }
        return new EvaluationReport(trainSize, n, n == 0 ? 0 : round((double) correct / n),
                labels == 0 ? 0 : round(f1Sum / labels), perIntent, top, trainMillis, round(meanPredictMicros),
                threshold, inScopeAccuracy, oosRecall, oosPrecision);
    }

    static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }

}
