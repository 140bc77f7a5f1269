package io.lingxi.nlu.model;

import io.lingxi.contracts.events.IntentScore;
import io.lingxi.contracts.events.MessageUnderstood;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import opennlp.tools.ml.model.AbstractModel;

/**
 * A trained intent classifier: immutable and thread-safe, so one instance serves every thread. Confidences are
 * the ensemble's probabilities sharpened or softened by a temperature fitted on held-out folds, so that a confidence of 0.8 is right about 80% of the time; below
 * {@link #threshold()} the answer is {@code nlu_fallback}.
 */
public final class IntentModel {

    // 2 added raw words and skip bigrams, 3 a second set of member weights for text without Chinese characters;
    // models of formats 1 and 2 still load
    private static final int FORMAT = 3;
    private static final double MIN_LOG = Math.log(1e-12);

    private final LinearScorer[] members;
    /** Member weights for Chinese text ({@code weights}) and for text without Chinese characters. */
    private final double[] weights;
    private final double[] latinWeights;
    private final IntentFeatures features;
    private final double temperature;
    private final double threshold;
    private final String version;
    private final String[] outcomes;

    /**
     * An ensemble of OpenNLP learners: member probabilities are combined as a weighted product (sum of
     * log-probabilities, each floored at 1e-12), then renormalised and calibrated. The learners are turned into
     * weight tables ({@link LinearScorer}) once, here; the OpenNLP objects are not kept.
     */
    public static IntentModel of(List<? extends AbstractModel> learners, double[] weights, IntentFeatures features,
            double temperature, double threshold, String version) {
        return of(learners, weights, weights, features, temperature, threshold, version, LinearScorer.LIDSTONE);
    }

    /**
     * As {@link #of(List, double[], IntentFeatures, double, double, String)}, with other member weights for text
     * without Chinese characters ({@code latinWeights}); text with both scripts gets a mix of the two in proportion
     * to its letters ({@link IntentFeatures#hanShare}).
     */
    public static IntentModel of(List<? extends AbstractModel> learners, double[] weights, double[] latinWeights,
            IntentFeatures features, double temperature, double threshold, String version) {
        return of(learners, weights, latinWeights, features, temperature, threshold, version, LinearScorer.LIDSTONE);
    }

    static IntentModel of(List<? extends AbstractModel> learners, double[] weights, IntentFeatures features,
            double temperature, double threshold, String version, double lidstone) {
        return of(learners, weights, weights, features, temperature, threshold, version, lidstone);
    }

    private static IntentModel of(List<? extends AbstractModel> learners, double[] weights, double[] latinWeights,
            IntentFeatures features, double temperature, double threshold, String version, double lidstone) {
        AbstractModel first = learners.get(0);
        String[] outcomes = new String[first.getNumOutcomes()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = first.getOutcome(i);
        }
        LinearScorer[] members = new LinearScorer[learners.size()];
        for (int m = 0; m < members.length; m++) {
            members[m] = LinearScorer.of(learners.get(m), outcomes, lidstone);
        }
        return new IntentModel(members, weights, latinWeights, features, temperature, threshold, version, outcomes);
    }

    private IntentModel(LinearScorer[] members, double[] weights, double[] latinWeights, IntentFeatures features,
            double temperature, double threshold, String version, String[] outcomes) {
        if (weights.length != members.length || latinWeights.length != members.length) {
            throw new IllegalArgumentException("one weight per ensemble member");
        }
        this.members = members;
        this.weights = weights.clone();
        this.latinWeights = latinWeights.clone();
        this.features = features;
        this.temperature = temperature;
        this.threshold = threshold;
        this.version = version;
        this.outcomes = outcomes;
    }

    /** Combined, uncalibrated probabilities for a normalised text. */
    double[] raw(String normalized) {
        return raw(features.hashes(normalized), IntentFeatures.hanShare(normalized));
    }

    /**
     * Combined, uncalibrated probabilities for a text's feature hashes; {@code hanShare} (the share of its letters
     * that are Chinese characters) mixes the two sets of member weights.
     */
    double[] raw(long[] context, double hanShare) {
        int o = outcomes.length;
        double[] log = new double[o];
        double[] member = members.length == 1 ? log : new double[o];
        for (int m = 0; m < members.length; m++) {
            members[m].logProbabilities(context, member);
            if (members.length == 1) {
                break;
            }
            double weight = hanShare * weights[m] + (1 - hanShare) * latinWeights[m];
            for (int i = 0; i < o; i++) {
                log[i] += weight * Math.max(member[i], MIN_LOG);
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : log) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < o; i++) {
            log[i] = Math.exp(log[i] - max);
            sum += log[i];
        }
        for (int i = 0; i < o; i++) {
            log[i] /= sum;
        }
        return log;
    }

    /** The model as bytes (for storage in PostgreSQL and hot-swapping on other replicas). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(FORMAT);
            out.writeUTF(version);
            out.writeDouble(temperature);
            out.writeDouble(threshold);
            IntentFeatures.Options f = features.options();
            out.writeBoolean(f.hanTrigrams());
            out.writeBoolean(f.wordBigrams());
            out.writeInt(f.charGramMin());
            out.writeInt(f.charGramMax());
            out.writeBoolean(f.wordTrigrams());
            out.writeBoolean(f.hanFourGrams());
            out.writeBoolean(f.rawWords());
            out.writeBoolean(f.skipBigrams());
            out.writeInt(outcomes.length);
            for (String outcome : outcomes) {
                out.writeUTF(outcome);
            }
            out.writeInt(members.length);
            for (int m = 0; m < members.length; m++) {
                out.writeDouble(weights[m]);
                out.writeDouble(latinWeights[m]);
                members[m].write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@link #toBytes()}; an {@link IOException} means the bytes are not a model of this format. */
    public static IntentModel fromBytes(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
            int format = in.readInt();
            if (format < 1 || format > FORMAT) {
                throw new IOException("Unknown model format " + format);
            }
            String version = in.readUTF();
            double temperature = in.readDouble();
            double threshold = in.readDouble();
            IntentFeatures.Options options = new IntentFeatures.Options(in.readBoolean(), in.readBoolean(),
                    in.readInt(), in.readInt(), in.readBoolean(), in.readBoolean(),
                    format >= 2 && in.readBoolean(), format >= 2 && in.readBoolean());
            String[] outcomes = new String[LinearScorer.checkedLength(in)];
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = in.readUTF();
            }
            int n = LinearScorer.checkedLength(in);
            LinearScorer[] members = new LinearScorer[n];
            double[] weights = new double[n];
            double[] latinWeights = new double[n];
            for (int m = 0; m < n; m++) {
                weights[m] = in.readDouble();
                latinWeights[m] = format >= 3 ? in.readDouble() : weights[m];
                members[m] = LinearScorer.read(in);
                if (members[m].outcomes() != outcomes.length) {
                    throw new IOException("Corrupt model: outcome count");
                }
            }
            return new IntentModel(members, weights, latinWeights, new IntentFeatures(options), temperature, threshold,
                    version, outcomes);
        }
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
        return new IntentModel(members, weights, latinWeights, features, temperature, threshold, version, outcomes);
    }

    public IntentModel withVersion(String version) {
        return new IntentModel(members, weights, latinWeights, features, temperature, threshold, version, outcomes);
    }

    /** Calibrated probabilities over all intents, in the order of {@link #intents()}. */
    public double[] probabilities(String text) {
        return calibrate(raw(TextNormalizer.normalize(text)), temperature);
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
