package io.lingxi.nlu.sentiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Customer-service sentiment: an OpenNLP maxent classifier (negative / neutral / positive) over
 * {@link SentimentFeatures}, trained on the project's own data ({@link SentimentExample#training()}). Immutable
 * and thread-safe ({@code MaxentModel.eval} allocates per call); {@link #shipped()} is trained once per JVM.
 *
 * <p>The label is the classifier's. The score's sign follows the label, its size says how strongly the message
 * is worded: the {@link SentimentLexicon}'s intensity when the lexicon reads the message the same way ("垃圾！骗子！
 * 退钱！" -0.99, "太慢了" -0.66, as the lexicon alone scored them before), else half the classifier's margin
 * P(positive) − P(negative); never inside the neutral band (|score| &lt; {@value #BAND}). So a complaint the lexicon
 * has no word for is negative but not "strongly negative" (dialogue hands off at once at -0.7 or below, otherwise
 * after two negative messages in a row). A neutral message's score is the mean of the two, kept in the band.
 */
public final class SentimentModel {

    public static final List<String> LABELS = List.of("negative", "neutral", "positive");
    /** Negative scores are at most -BAND, positive ones at least BAND, neutral ones strictly between. */
    public static final double BAND = 0.3;

    /** Learner settings; {@link #DEFAULT} is what the held-out measurements settled on. */
    public record Settings(String algorithm, int iterations, int cutoff, double l2Cost) {
        public static final Settings DEFAULT = new Settings("MAXENT_QN", 100, 1, 0.5);
    }

    private final MaxentModel model;
    private final int negative;
    private final int neutral;
    private final int positive;

    private SentimentModel(MaxentModel model) {
        this.model = model;
        this.negative = model.getIndex("negative");
        this.neutral = model.getIndex("neutral");
        this.positive = model.getIndex("positive");
        if (negative < 0 || neutral < 0 || positive < 0) {
            throw new IllegalArgumentException("sentiment training data needs all three labels " + LABELS);
        }
    }

    /** The model trained on the shipped data; trained on first use (a fraction of a second), then shared. */
    public static SentimentModel shipped() {
        return Shipped.MODEL;
    }

    private static final class Shipped {
        static final SentimentModel MODEL = train(SentimentExample.training(), Settings.DEFAULT);
    }

    public static SentimentModel train(List<SentimentExample> data, Settings settings) {
        List<Event> events = new ArrayList<>(data.size());
        for (SentimentExample example : data) {
            events.add(new Event(example.label(), SentimentFeatures.of(example.text())));
        }
        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, settings.algorithm());
        parameters.put(TrainingParameters.ITERATIONS_PARAM, settings.iterations());
        parameters.put(TrainingParameters.CUTOFF_PARAM, settings.cutoff());
        parameters.put(TrainingParameters.THREADS_PARAM, 1);
        parameters.put("L2Cost", settings.l2Cost());
        parameters.put("L1Cost", 0.0);
        parameters.put("PrintMessages", false);
        EventTrainer trainer = TrainerFactory.getEventTrainer(parameters, null);
        try {
            return new SentimentModel(trainer.train(ObjectStreamUtils.createObjectStream(events)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SentimentResult classify(String text) {
        if (text == null || text.isBlank()) {
            return new SentimentResult("neutral", 0.0, 1.0); // an image, a location: nothing was said
        }
        double[] p = model.eval(SentimentFeatures.of(text));
        int best = p[negative] >= p[neutral] && p[negative] >= p[positive] ? negative
                : p[positive] > p[neutral] ? positive : neutral;
        double margin = p[positive] - p[negative];
        double lexicon = SentimentLexicon.score(text);
        double score;
        String label;
        if (best == negative) {
            label = "negative";
            score = -Math.max(BAND, Math.max(-lexicon, -margin / 2));
        } else if (best == positive) {
            label = "positive";
            score = Math.max(BAND, Math.max(lexicon, margin / 2));
        } else {
            label = "neutral";
            score = Math.max(-BAND + 0.01, Math.min(BAND - 0.01, (margin + lexicon) / 2));
        }
        score = Math.max(-1, Math.min(1, Math.round(score * 100) / 100.0));
        return new SentimentResult(label, score, Math.round(p[best] * 1000) / 1000.0);
    }
}
