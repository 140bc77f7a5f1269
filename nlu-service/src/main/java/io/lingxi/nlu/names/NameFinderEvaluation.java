package io.lingxi.nlu.names;

import io.lingxi.nlu.model.IntentTrainer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How well a tenant's name finder does on sentences it did not train on: k-fold cross-validation of its annotated
 * examples with exactly the production trainer, scored on exact matches (type and both offsets).
 */
public final class NameFinderEvaluation {

    /** Precision, recall and F1 of one entity type; {@code support} is how many such names were annotated. */
    public record Score(double precision, double recall, double f1, int support) {
    }

    /**
     * The cross-validation report of a name finder.
     *
     * @param examples    annotated sentences
     * @param folds       folds of the cross-validation
     * @param overall     over all names
     * @param perType     per entity type
     * @param trainMillis time to train the model that is stored (not the folds)
     */
    public record Report(int examples, int folds, Score overall, Map<String, Score> perType, long trainMillis) {
    }

    private NameFinderEvaluation() {
    }

    public static Report crossValidate(List<AnnotatedExample> examples, int k, NameFinderTrainer trainer,
            long trainMillis) {
        Map<String, int[]> counts = new TreeMap<>(); // type → {true positives, found, annotated}
        int[] all = new int[3];
        int used = 0;
        for (List<Integer> fold : IntentTrainer.folds(examples.size(), k, 7)) {
            Set<Integer> held = new HashSet<>(fold);
            List<AnnotatedExample> train = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                if (!held.contains(i)) {
                    train.add(examples.get(i));
                }
            }
            if (train.stream().allMatch(e -> e.entities().isEmpty())) {
                continue;
            }
            used++;
            NameFinderModel model = trainer.train(train);
            for (int i : fold) {
                AnnotatedExample example = examples.get(i);
                Set<String> expected = new HashSet<>();
                for (AnnotatedExample.Annotation a : example.entities()) {
                    expected.add(a.type() + "@" + a.start() + "-" + a.end());
                    counts.computeIfAbsent(a.type(), t -> new int[3])[2]++;
                    all[2]++;
                }
                for (NameFinderModel.Found f : model.find(example.text())) {
                    int[] c = counts.computeIfAbsent(f.type(), t -> new int[3]);
                    c[1]++;
                    all[1]++;
                    if (expected.contains(f.type() + "@" + f.start() + "-" + f.end())) {
                        c[0]++;
                        all[0]++;
                    }
                }
            }
        }
        Map<String, Score> perType = new TreeMap<>();
        counts.forEach((type, c) -> perType.put(type, score(c)));
        return new Report(examples.size(), used, score(all), perType, trainMillis);
    }

    private static Score score(int[] c) {
        double precision = c[1] == 0 ? 0 : c[0] / (double) c[1];
        double recall = c[2] == 0 ? 0 : c[0] / (double) c[2];
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Score(round(precision), round(recall), round(f1), c[2]);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
