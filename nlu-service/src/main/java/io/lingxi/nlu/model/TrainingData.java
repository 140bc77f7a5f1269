package io.lingxi.nlu.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads labelled examples in the {@code text<TAB>intent} format. */
public final class TrainingData {

    /** The bilingual customer-service data the project ships, written for it (not copied from a data set). */
    public static final List<String> DEFAULT_RESOURCES = List.of("nlu/default-zh.tsv", "nlu/default-en.tsv");

    private TrainingData() {
    }

    public static List<LabeledText> parseTsv(String content) {
        List<LabeledText> items = new ArrayList<>();
        for (String line : content.split("\r?\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0 && !line.isBlank()) {
                items.add(new LabeledText(line.substring(0, tab).trim(), line.substring(tab + 1).trim()));
            }
        }
        return items;
    }

    public static List<LabeledText> defaults() {
        List<LabeledText> items = new ArrayList<>();
        for (String resource : DEFAULT_RESOURCES) {
            try (InputStream in = TrainingData.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing training data resource " + resource);
                }
                items.addAll(parseTsv(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return items;
    }
}
