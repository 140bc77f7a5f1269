package io.lingxi.nlu.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One labelled message of the sentiment data: {@code negative}, {@code neutral} or {@code positive}. */
public record SentimentExample(String text, String label) {

    /** The shipped training data, Chinese and English (the held-out file is not part of it). */
    public static final List<String> TRAINING_RESOURCES = List.of("nlu/sentiment-train-zh.tsv",
            "nlu/sentiment-train-en.tsv");
    /** Hand-written messages kept out of training, for measuring the model. */
    public static final String HELD_OUT_RESOURCE = "nlu/sentiment-heldout.tsv";

    public SentimentExample {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("blank sentiment example");
        }
        if (!SentimentModel.LABELS.contains(label)) {
            throw new IllegalArgumentException("unknown sentiment label '" + label + "' for: " + text);
        }
    }

    public static List<SentimentExample> training() {
        List<SentimentExample> all = new ArrayList<>();
        TRAINING_RESOURCES.forEach(resource -> all.addAll(read(resource)));
        return all;
    }

    public static List<SentimentExample> heldOut() {
        return read(HELD_OUT_RESOURCE);
    }

    /** {@code text<TAB>label} per line, UTF-8; blank lines and lines starting with {@code #} are skipped. */
    public static List<SentimentExample> read(String resource) {
        InputStream in = SentimentExample.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        List<SentimentExample> examples = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                if (tab < 0) {
                    throw new IllegalStateException(resource + " line " + number + ": no tab");
                }
                examples.add(new SentimentExample(line.substring(0, tab).trim(), line.substring(tab + 1).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }
}
