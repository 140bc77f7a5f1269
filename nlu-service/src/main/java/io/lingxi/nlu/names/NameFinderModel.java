package io.lingxi.nlu.names;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import io.lingxi.contracts.events.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;

/**
 * A tenant's trained OpenNLP name finder: shared, immutable, used by every thread. {@link NameFinderME} is not
 * thread-safe (it keeps per-document adaptive data and its beam search state), so each thread gets its own
 * instance over the one model, created once per thread and model version, never per message.
 */
public final class NameFinderModel {

    // A name never runs across these (after NFKC): the model may stretch a name it has not seen up to the end of
    // the sentence ("OPPO Reno11，谢谢"), so the span is cut at the first one.
    private static final String SENTENCE_PUNCTUATION = ",.!?;:、。\"()[]{}<>";

    private final TokenNameFinderModel model;
    private final ThreadLocal<NameFinderME> finders;

    public NameFinderModel(TokenNameFinderModel model) {
        this.model = model;
        this.finders = ThreadLocal.withInitial(() -> new NameFinderME(model));
    }

    /** A name the model found. */
    public record Found(String type, String value, String text, int start, int end, double confidence) {
    }

    /** The names in {@code text}, with offsets into it as written, in order. */
    public List<Found> find(String text) {
        NameTokens tokens = NameTokens.of(text);
        if (tokens.size() == 0) {
            return List.of();
        }
        NameFinderME finder = finders.get();
        Span[] spans;
        double[] probs;
        try {
            spans = finder.find(tokens.tokens(), tokens.features());
            probs = finder.probs(spans);
        } finally {
            finder.clearAdaptiveData(); // each message stands alone
        }
        List<Found> found = new ArrayList<>(spans.length);
        for (int i = 0; i < spans.length; i++) {
            Span span = spans[i];
            int last = span.getStart();
            while (last < span.getEnd() && SENTENCE_PUNCTUATION.indexOf(tokens.tokens()[last]) < 0) {
                last++;
            }
            if (last == span.getStart()) {
                continue;
            }
            int start = tokens.starts()[span.getStart()];
            int end = tokens.ends()[last - 1];
            String written = text.substring(start, end);
            String value = Normalizer.normalize(written, Normalizer.Form.NFKC).replaceAll("\\s+", " ").strip();
            found.add(new Found(span.getType(), value, written, start, end, Math.round(probs[i] * 1000) / 1000.0));
        }
        return found;
    }

    /** Entities with the confidence of each (same order). */
    public record Merged(List<Entity> entities, List<Double> confidences) {
    }

    /**
     * Exact entities (patterns, dictionaries; confidence 1) and found names together, in text order; a found name
     * that overlaps an exact entity is dropped: where a regular expression or the tenant's dictionary knows, it wins.
     */
    public static Merged merge(List<Entity> exact, List<Found> found) {
        List<Map.Entry<Entity, Double>> all = new ArrayList<>();
        exact.forEach(e -> all.add(Map.entry(e, 1.0)));
        for (Found f : found) {
            if (exact.stream().noneMatch(e -> e.start() < f.end() && f.start() < e.end())) {
                all.add(Map.entry(new Entity(f.type(), f.value(), f.text(), f.start(), f.end(), f.confidence()),
                        f.confidence()));
            }
        }
        all.sort(Comparator.comparingInt((Map.Entry<Entity, Double> e) -> e.getKey().start())
                .thenComparingInt(e -> e.getKey().end()));
        return new Merged(all.stream().map(Map.Entry::getKey).toList(), all.stream().map(Map.Entry::getValue).toList());
    }

    /** The entity types the model knows. */
    public List<String> types() {
        List<String> types = new ArrayList<>();
        for (String outcome : outcomes()) {
            int dash = outcome.lastIndexOf('-');
            if (dash > 0 && outcome.endsWith("-start")) {
                types.add(outcome.substring(0, dash));
            }
        }
        return types.stream().sorted().toList();
    }

    private String[] outcomes() {
        return model.getNameFinderSequenceModel().getOutcomes();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            model.serialize(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static NameFinderModel fromBytes(byte[] bytes) throws IOException {
        return new NameFinderModel(new TokenNameFinderModel(new ByteArrayInputStream(bytes)));
    }
}
