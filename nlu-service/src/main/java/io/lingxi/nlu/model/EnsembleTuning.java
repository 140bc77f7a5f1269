package io.lingxi.nlu.model;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Event;

/**
 * Chooses the naive Bayes weight and smoothing of a maxent + naive Bayes ensemble on training data only: the
 * learners are trained once on part of it and every grid point is scored on the rest (rebuilding the weight
 * tables is cheap; retraining is not). Used by the benchmark for nested cross-validation, so that the figures it
 * prints never come from settings picked on their own test items.
 */
public final class EnsembleTuning {

    public static final double[] WEIGHTS = {0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5};
    public static final double[] SMOOTHING = {0.01, 0.05, 0.2, 1.0};

    /** The chosen point and its accuracy on the held-out part. */
    public record Choice(double weight, double smoothing, double accuracy) {
    }

    private EnsembleTuning() {
    }

    /** Trains on {@code folds - 1} of {@code folds} parts of {@code data} (the first split only), scores the rest. */
    public static Choice choose(IntentTrainer trainer, List<LabeledText> data, int folds) {
        return choose(trainer, data, folds, 1);
    }

    /** As above over the first {@code rounds} splits, accuracies summed. */
    public static Choice choose(IntentTrainer trainer, List<LabeledText> data, int folds, int rounds) {
        List<List<Integer>> split = IntentTrainer.folds(data.size(), folds, 99);
        List<Event> events = trainer.events(data);
        List<long[]> hashes = new ArrayList<>(data.size());
        for (LabeledText example : data) {
            hashes.add(trainer.features().hashes(TextNormalizer.normalize(example.text())));
        }
        int[][] correct = new int[WEIGHTS.length][SMOOTHING.length];
        int total = 0;
        for (int r = 0; r < rounds; r++) {
            boolean[] held = new boolean[data.size()];
            split.get(r).forEach(i -> held[i] = true);
            List<Event> train = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (!held[i]) {
                    train.add(events.get(i));
                }
            }
            List<AbstractModel> learners = trainer.learners(train);
            for (int s = 0; s < SMOOTHING.length; s++) {
                for (int w = 0; w < WEIGHTS.length; w++) {
                    IntentModel model = IntentModel.of(learners, new double[] {1.0, WEIGHTS[w]}, trainer.features(),
                            1.0, 0.0, "tune", SMOOTHING[s]);
                    List<String> names = model.intents();
                    for (int i : split.get(r)) {
                        double[] p = model.raw(hashes.get(i), 1.0); // one weight for both scripts here
                        int best = 0;
                        for (int o = 1; o < p.length; o++) {
                            if (p[o] > p[best]) {
                                best = o;
                            }
                        }
                        if (names.get(best).equals(data.get(i).intent())) {
                            correct[w][s]++;
                        }
                    }
                }
            }
            total += split.get(r).size();
        }
        int bestW = 0;
        int bestS = 0;
        for (int w = 0; w < WEIGHTS.length; w++) {
            for (int s = 0; s < SMOOTHING.length; s++) {
                if (correct[w][s] > correct[bestW][bestS]) {
                    bestW = w;
                    bestS = s;
                }
            }
        }
        return new Choice(WEIGHTS[bestW], SMOOTHING[bestS], correct[bestW][bestS] / (double) total);
    }

    /**
     * Models trained once on {@code data}, built with each of {@code choices} (uncalibrated, no fallback), in
     * order.
     */
    public static List<IntentModel> build(IntentTrainer trainer, List<LabeledText> data, Choice... choices) {
        List<AbstractModel> learners = trainer.learners(trainer.events(data));
        List<IntentModel> models = new ArrayList<>();
        for (Choice choice : choices) {
            models.add(IntentModel.of(learners, new double[] {1.0, choice.weight()}, trainer.features(), 1.0, 0.0,
                    "tuned", choice.smoothing()));
        }
        return models;
    }
}
