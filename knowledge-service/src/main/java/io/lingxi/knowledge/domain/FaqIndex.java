package io.lingxi.knowledge.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A tenant's entries with the features of every way of asking them worked out once, so a query costs one
 * feature extraction plus a comparison per question, not a re-analysis of the knowledge base.
 */
public final class FaqIndex {

    public static final FaqIndex EMPTY = new FaqIndex(List.of());

    /** An entry and the features of its standard question followed by those of its similar questions. */
    record Indexed(Faq faq, List<TextFeatures> questions) {
    }

    private final List<Indexed> entries;

    private FaqIndex(List<Indexed> entries) {
        this.entries = entries;
    }

    public static FaqIndex of(Collection<Faq> faqs) {
        List<Indexed> entries = new ArrayList<>(faqs.size());
        for (Faq faq : faqs) {
            List<TextFeatures> questions = new ArrayList<>(1 + faq.similarQuestions().size());
            questions.add(TextFeatures.of(faq.question()));
            faq.similarQuestions().forEach(q -> questions.add(TextFeatures.of(q)));
            entries.add(new Indexed(faq, List.copyOf(questions)));
        }
        return new FaqIndex(List.copyOf(entries));
    }

    List<Indexed> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }
}
