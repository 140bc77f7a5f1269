package io.lingxi.nlu.names;

import java.util.Comparator;
import java.util.List;

/**
 * A sentence with the names a tenant marked in it, the training data of its name finder.
 *
 * @param text     the sentence as a customer would write it
 * @param entities the marked names, by offsets into {@code text}, in order, never overlapping (may be empty: a
 *                 sentence without names teaches what is not a name)
 */
public record AnnotatedExample(String text, List<Annotation> entities) {

    /** One marked name: its type and offsets ({@code end} exclusive). */
    public record Annotation(String type, int start, int end) {
    }

    public AnnotatedExample {
        entities = entities.stream().sorted(Comparator.comparingInt(Annotation::start)).toList();
    }

    /** OpenNLP's inline form, e.g. {@code my <START:product> AirPods Pro <END> are broken}. */
    public String inline() {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Annotation a : entities) {
            out.append(text, at, a.start()).append("<START:").append(a.type()).append("> ")
                    .append(text, a.start(), a.end()).append(" <END>");
            at = a.end();
        }
        return out.append(text.substring(at)).toString();
    }
}
