package io.lingxi.nlu.model;

import io.lingxi.contracts.events.IntentScore;
import io.lingxi.contracts.events.MessageUnderstood;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.ml.model.MaxentModel;

/**
 * A trained intent classifier: immutable and thread-safe (OpenNLP's {@code MaxentModel.eval} keeps no state),
 * so one instance serves every thread. Confidences are the maxent probabilities sharpened or softened by a
 * temperature fitted on held-out folds, so that a confidence of 0.8 is right about 80% of the time; below
 * {@link #threshold()} the answer is {@code nlu_fallback}.
 */
public final class IntentModel {

    private final List<MaxentModel> members;
    private final double[] weights;
    private final int[][] outcomeMaps; // member outcome index for each of our outcomes
    private final IntentFeatures features;
    private final double temperature;
    private final double threshold;
    private final String version;
    private final String[] outcomes;

    public IntentModel(MaxentModel maxent, IntentFeatures features, double temperature, double threshold,
            String version) {
        this(List.of(maxent), new double[] {1.0}, features, temperature, threshold, version);
    }

    /**
     * An ensemble: member probabilities are combined as a weighted product (sum of log-probabilities), then
     * renormalised and calibrated.
     */
    public IntentModel(List<MaxentModel> members, double[] weights, IntentFeatures features, double temperature,
            double threshold, String version) {
        this.members = List.copyOf(members);
        this.weights = weights.clone();
        this.features = features;
        this.temperature = temperature;
        this.threshold = threshold;
        this.version = version;
        MaxentModel first = members.get(0);
        this.outcomes = new String[first.getNumOutcomes()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = first.getOutcome(i);
        }
        this.outcomeMaps = new int[members.size()][outcomes.length];
        for (int m = 0; m < members.size(); m++) {
            for (int i = 0; i < outcomes.length; i++) {
                outcomeMaps[m][i] = members.get(m).getIndex(outcomes[i]);
            }
        }
    }

    /** Combined, uncalibrated probabilities for a feature context. */
    double[] raw(String[] context) {
        if (members.size() == 1) {
            return members.get(0).eval(context);
        }
        double[] log = new double[outcomes.length];
        for (int m = 0; m < members.size(); m++) {
            double[] p = members.get(m).eval(context);
            for (int i = 0; i < log.length; i++) {
                int index = outcomeMaps[m][i];
                log[i] += weights[m] * Math.log(Math.max(index < 0 ? 0 : p[index], 1e-12));
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : log) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < log.length; i++) {
            log[i] = Math.exp(log[i] - max);
            sum += log[i];
        }
        for (int i = 0; i < log.length; i++) {
            log[i] /= sum;
        }
        return log;
    }

    public String version() {
        return version;
    }

    public double threshold() {
        return threshold;
    }

    public double temperature() {
        return temperature;
    }

    public IntentModel withCalibration(double temperature, double threshold) {
        return new IntentModel(members, weights, features, temperature, threshold, version);
    }

    public IntentModel withVersion(String version) {
        return new IntentModel(members, weights, features, temperature, threshold, version);
    }

    /** Calibrated probabilities over all intents, in the order of {@link #intents()}. */
    public double[] probabilities(String text) {
        return calibrate(raw(features.extract(TextNormalizer.normalize(text))), temperature);
    }

    public List<String> intents() {
        return List.of(outcomes);
    }

    /**
     * The best {@code topN} intents, best first. When the best is out of scope or below the threshold, the
     * fallback intent leads the ranking with confidence 1 - best.
     */
    public List<IntentScore> rank(String text, int topN) {
        double[] p = probabilities(text);
        return rank(p, topN, threshold);
    }

    List<IntentScore> rank(double[] p, int topN, double minConfidence) {
        int k = Math.min(topN, p.length);
        int[] best = new int[k];
        java.util.Arrays.fill(best, -1);
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < k; j++) {
                if (best[j] < 0 || p[i] > p[best[j]]) {
                    System.arraycopy(best, j, best, j + 1, k - j - 1);
                    best[j] = i;
                    break;
                }
            }
        }
        List<IntentScore> ranking = new ArrayList<>(k + 1);
        String top = outcomes[best[0]];
        if (p[best[0]] < minConfidence || LabeledText.OUT_OF_SCOPE.equals(top)) {
            double fallback = LabeledText.OUT_OF_SCOPE.equals(top) ? p[best[0]] : 1 - p[best[0]];
            ranking.add(new IntentScore(MessageUnderstood.FALLBACK_INTENT, round(fallback)));
        }
        for (int index : best) {
            if (!LabeledText.OUT_OF_SCOPE.equals(outcomes[index])) {
                ranking.add(new IntentScore(outcomes[index], round(p[index])));
            }
        }
        return List.copyOf(ranking);
    }

    /** The predicted label (an intent, or {@code nlu_fallback}) for evaluation. */
    public String predict(String text) {
        return rank(text, 1).get(0).name();
    }

    static double[] calibrate(double[] p, double temperature) {
        if (temperature == 1.0) {
            return p;
        }
        double[] q = new double[p.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.length; i++) {
            q[i] = Math.log(Math.max(p[i], 1e-300)) / temperature;
            max = Math.max(max, q[i]);
        }
        double sum = 0;
        for (int i = 0; i < q.length; i++) {
            q[i] = Math.exp(q[i] - max);
            sum += q[i];
        }
        for (int i = 0; i < q.length; i++) {
            q[i] /= sum;
        }
        return q;
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
