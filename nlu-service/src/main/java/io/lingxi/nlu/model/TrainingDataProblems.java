package io.lingxi.nlu.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with a set of training examples, in words a tenant can act on: blank texts or intents, an
 * intent with a single example, the same text labelled with two intents, fewer than two intents.
 */
public final class TrainingDataProblems {

    /** One problem; {@code field} points into the request, e.g. {@code train[3].text}. */
    public record Problem(String field, String message) {
    }

    private TrainingDataProblems() {
    }

    public static List<Problem> of(String name, List<LabeledText> items, boolean isTraining) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> perIntent = new LinkedHashMap<>();
        Map<String, String> labelOf = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            LabeledText item = items.get(i);
            String at = name + "[" + i + "]";
            if (item == null) {
                problems.add(new Problem(at, "must be an object with text and intent"));
                continue;
            }
            if (item.text() == null || item.text().isBlank()) {
                problems.add(new Problem(at + ".text", "must not be blank"));
            } else if (item.text().length() > 2000) {
                problems.add(new Problem(at + ".text", "must be at most 2000 characters"));
            }
            if (item.intent() == null || item.intent().isBlank()) {
                problems.add(new Problem(at + ".intent", "must not be blank"));
                continue;
            }
            if (!item.intent().matches("[\\p{L}\\p{N}_.\\-]{1,100}")) {
                problems.add(new Problem(at + ".intent",
                        "must be 1-100 letters, digits, '_', '.' or '-' (got '" + abbreviate(item.intent()) + "')"));
            }
            if (item.text() == null || item.text().isBlank()) {
                continue;
            }
            perIntent.merge(item.intent(), 1, Integer::sum);
            String key = TextNormalizer.normalize(item.text());
            String previous = labelOf.putIfAbsent(key, item.intent());
            if (isTraining && previous != null && !previous.equals(item.intent())) {
                problems.add(new Problem(at + ".text", "'" + abbreviate(item.text()) + "' is labelled both '"
                        + previous + "' and '" + item.intent() + "'"));
            }
        }
        if (isTraining) {
            perIntent.forEach((intent, count) -> {
                if (count < 2) {
                    problems.add(new Problem(name, "intent '" + intent + "' has only one example; give it at least two"));
                }
            });
            long inScope = perIntent.keySet().stream().filter(i -> !LabeledText.OUT_OF_SCOPE.equals(i)).count();
            if (problems.isEmpty() && inScope < 2) {
                problems.add(new Problem(name, "needs examples of at least two intents"));
            }
        }
        return problems;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
