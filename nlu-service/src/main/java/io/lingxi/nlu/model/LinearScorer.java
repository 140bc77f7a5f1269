package io.lingxi.nlu.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.naivebayes.NaiveBayesModel;

/**
 * One trained OpenNLP learner turned into a table of log-linear weights keyed by feature hash, so that scoring
 * is a sparse sum with one primitive hash lookup per feature: {@code score[o] = bias[o] + Σ_f (known[o] +
 * weight[f][o])}, then a log-softmax.
 *
 * <p>Maxent (GIS or L-BFGS) already has that form: bias 0, known 0, a dense weight row per feature. Multinomial
 * naive Bayes is linear in the features too: {@code log P(o) + Σ_f log P(f|o)}, with OpenNLP's Lidstone
 * smoothing (δ = 0.05) over the counts its trainer collected. A feature never seen with outcome o adds the same
 * {@code log(δ / (total[o] + δV))} whatever the feature, so that goes into {@code known[o]} and only the seen
 * counts are stored, sparsely.
 */
final class LinearScorer {

    /** OpenNLP's own naive Bayes smoothing. */
    static final double LIDSTONE = 0.05;

    private final FeatureIndex index;
    private final float[] bias;
    private final float[] known;
    private final float[] dense; // rows × outcomes, or null
    private final int[] start; // sparse rows: start[row] .. start[row + 1] in outcome/value, or null
    private final int[] sparseOutcome;
    private final float[] sparseValue;

    private LinearScorer(FeatureIndex index, float[] bias, float[] known, float[] dense, int[] start,
            int[] sparseOutcome, float[] sparseValue) {
        this.index = index;
        this.bias = bias;
        this.known = known;
        this.dense = dense;
        this.start = start;
        this.sparseOutcome = sparseOutcome;
        this.sparseValue = sparseValue;
    }

    int outcomes() {
        return bias.length;
    }

    /** {@code outcomes[i]} is our i-th outcome's name; the member's own outcome order is mapped onto it. */
    static LinearScorer of(AbstractModel model, String[] outcomes) {
        return of(model, outcomes, LIDSTONE);
    }

    /** As {@link #of(AbstractModel, String[])}, with naive Bayes smoothing {@code lidstone} instead of 0.05. */
    static LinearScorer of(AbstractModel model, String[] outcomes, double lidstone) {
        Object[] data = model.getDataStructures();
        @SuppressWarnings("unchecked")
        Map<String, Context> pmap = (Map<String, Context>) data[1];
        int o = outcomes.length;
        int[] ours = new int[model.getNumOutcomes()];
        for (int i = 0; i < ours.length; i++) {
            ours[i] = Arrays.asList(outcomes).indexOf(model.getOutcome(i));
        }
        FeatureIndex index = new FeatureIndex(pmap.size());
        String[] names = pmap.keySet().toArray(String[]::new);
        for (String name : names) {
            index.put(IntentFeatures.hash(name));
        }
        int rows = index.size();
        float[] bias = new float[o];
        float[] known = new float[o];
        if (!(model instanceof NaiveBayesModel)) {
            float[] dense = new float[rows * o];
            for (String name : names) {
                int row = index.get(IntentFeatures.hash(name));
                Context c = pmap.get(name);
                for (int k = 0; k < c.getOutcomes().length; k++) {
                    int target = ours[c.getOutcomes()[k]];
                    if (target >= 0) {
                        dense[row * o + target] += (float) c.getParameters()[k];
                    }
                }
            }
            return new LinearScorer(index, bias, known, dense, null, null, null);
        }
        double[] totals = new double[o];
        for (Context c : pmap.values()) {
            for (int k = 0; k < c.getOutcomes().length; k++) {
                int target = ours[c.getOutcomes()[k]];
                if (target >= 0 && c.getParameters()[k] > 0) {
                    totals[target] += c.getParameters()[k];
                }
            }
        }
        double all = Arrays.stream(totals).sum();
        double vocabulary = pmap.size();
        for (int i = 0; i < o; i++) {
            bias[i] = (float) Math.log(Math.max(totals[i], 1e-9) / all);
            known[i] = (float) Math.log(lidstone / (totals[i] + lidstone * vocabulary));
        }
        int[] start = new int[rows + 1];
        int[] rowOf = new int[names.length];
        int[] counts = new int[rows];
        for (int n = 0; n < names.length; n++) {
            rowOf[n] = index.get(IntentFeatures.hash(names[n]));
            for (int k = 0; k < pmap.get(names[n]).getOutcomes().length; k++) {
                counts[rowOf[n]]++;
            }
        }
        for (int r = 0; r < rows; r++) {
            start[r + 1] = start[r] + counts[r];
        }
        int[] fill = Arrays.copyOf(start, rows);
        int[] outcome = new int[start[rows]];
        float[] value = new float[start[rows]];
        for (int n = 0; n < names.length; n++) {
            Context c = pmap.get(names[n]);
            for (int k = 0; k < c.getOutcomes().length; k++) {
                int target = ours[c.getOutcomes()[k]];
                double count = c.getParameters()[k];
                if (target >= 0 && count > 0) {
                    int at = fill[rowOf[n]]++;
                    outcome[at] = target;
                    value[at] = (float) (Math.log((count + lidstone) / (totals[target] + lidstone * vocabulary))
                            - known[target]);
                } else {
                    int at = fill[rowOf[n]]++; // keep the row's extent; a zero entry changes nothing
                    outcome[at] = 0;
                    value[at] = 0;
                }
            }
        }
        return new LinearScorer(index, bias, known, null, start, outcome, value);
    }

    /** Log-probabilities of each outcome for the (sorted, unique) feature hashes, into {@code out}. */
    void logProbabilities(long[] features, double[] out) {
        int o = bias.length;
        for (int i = 0; i < o; i++) {
            out[i] = bias[i];
        }
        int seen = 0;
        for (long feature : features) {
            int row = index.get(feature);
            if (row < 0) {
                continue;
            }
            seen++;
            if (dense != null) {
                int base = row * o;
                for (int i = 0; i < o; i++) {
                    out[i] += dense[base + i];
                }
            } else {
                for (int k = start[row]; k < start[row + 1]; k++) {
                    out[sparseOutcome[k]] += sparseValue[k];
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < o; i++) {
            out[i] += seen * (double) known[i];
            max = Math.max(max, out[i]);
        }
        double sum = 0;
        for (int i = 0; i < o; i++) {
            sum += Math.exp(out[i] - max);
        }
        double log = max + Math.log(sum);
        for (int i = 0; i < o; i++) {
            out[i] -= log;
        }
    }

    void write(DataOutputStream out) throws IOException {
        index.write(out);
        writeFloats(out, bias);
        writeFloats(out, known);
        out.writeBoolean(dense != null);
        if (dense != null) {
            writeFloats(out, dense);
        } else {
            writeInts(out, start);
            writeInts(out, sparseOutcome);
            writeFloats(out, sparseValue);
        }
    }

    static LinearScorer read(DataInputStream in) throws IOException {
        FeatureIndex index = FeatureIndex.read(in);
        float[] bias = readFloats(in);
        float[] known = readFloats(in);
        if (in.readBoolean()) {
            return new LinearScorer(index, bias, known, readFloats(in), null, null, null);
        }
        return new LinearScorer(index, bias, known, null, readInts(in), readInts(in), readFloats(in));
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[checkedLength(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[checkedLength(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    static int checkedLength(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 200_000_000) {
            throw new IOException("Corrupt model: array length " + n);
        }
        return n;
    }

    /** Feature hash → row, open addressing over primitive arrays (0 is never a hash, so it marks a free slot). */
    static final class FeatureIndex {
        private long[] keys;
        private int[] rows;
        private int size;
        private int mask;

        FeatureIndex(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected * 2) - 1) << 1;
            keys = new long[capacity];
            rows = new int[capacity];
            mask = capacity - 1;
        }

        int size() {
            return size;
        }

        /** Adds the key if new; returns its row. */
        int put(long key) {
            int slot = slot(key);
            while (keys[slot] != 0) {
                if (keys[slot] == key) {
                    return rows[slot];
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            rows[slot] = size;
            return size++;
        }

        int get(long key) {
            int slot = slot(key);
            long k;
            while ((k = keys[slot]) != 0) {
                if (k == key) {
                    return rows[slot];
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        private int slot(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }

        void write(DataOutputStream out) throws IOException {
            long[] byRow = new long[size];
            for (int s = 0; s < keys.length; s++) {
                if (keys[s] != 0) {
                    byRow[rows[s]] = keys[s];
                }
            }
            out.writeInt(size);
            for (long k : byRow) {
                out.writeLong(k);
            }
        }

        static FeatureIndex read(DataInputStream in) throws IOException {
            int n = checkedLength(in);
            FeatureIndex index = new FeatureIndex(n);
            for (int i = 0; i < n; i++) {
                long key = in.readLong();
                if (key == 0 || index.put(key) != i) {
                    throw new IOException("Corrupt model: feature table");
                }
            }
            return index;
        }
    }
}
