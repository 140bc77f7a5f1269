package io.lingxi.knowledge.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Turns a query and a question into a confidence in [0, 1], the same for every backend. A text's features are its
 * words ({@code w:}) and Han characters ({@code c:}), after synonyms are canonicalised; each feature weighs its
 * BM25 inverse document frequency over the tenant's entries, characters half as much as words, question words
 * (怎么, how, …) 0.3 of that. Confidence is the weighted Dice coefficient, raised towards the weighted overlap
 * coefficient when one text is contained in the other; the overlap divides by at least {@link #OVERLAP_FLOOR}
 * so a short question inside a long query counts for little. Identical texts score 1.
 */
public final class Confidence {

    static final double OVERLAP_FLOOR = 6.0;
    static final double CHAR_FACTOR = 0.5;
    static final double QUESTION_WORD_FACTOR = 0.3;

    static final Set<String> QUESTION_WORDS = Set.of("w:怎么", "w:怎样", "w:如何", "w:什么", "w:什么时候", "w:哪里",
            "w:哪儿", "w:哪些", "w:哪", "w:多久", "w:多少", "w:几", "w:为什么", "w:怎么办", "w:how", "w:what",
            "w:when", "w:where", "w:why", "w:which", "w:who", "w:whi");

    private final KnowledgeAnalysis analysis;

    public Confidence(KnowledgeAnalysis analysis) {
        this.analysis = analysis;
    }

    /** The distinct features of {@code text} after normalisation and synonym canonicalisation. */
    public String[] features(String text, SynonymDictionary synonyms) {
        String canonical = synonyms.canonicalize(KnowledgeAnalysis.normalize(text));
        Set<String> features = new LinkedHashSet<>();
        for (String word : analysis.words(canonical)) {
            features.add("w:" + word);
        }
        for (String c : analysis.chars(canonical)) {
            features.add("c:" + c);
        }
        return features.toArray(String[]::new);
    }

    /** Weights of {@code features}, given document frequencies over {@code documents} entries. */
    public static double[] weights(String[] features, ToIntFunction<String> documentFrequency, int documents) {
        double[] weights = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            weights[i] = weight(features[i], documentFrequency.applyAsInt(features[i]), documents);
        }
        return weights;
    }

    static double weight(String feature, int df, int documents) {
        int n = Math.max(documents, 1);
        double idf = Math.log(1 + (n - Math.min(df, n) + 0.5) / (Math.min(df, n) + 0.5));
        if (feature.startsWith("c:")) {
            idf *= CHAR_FACTOR;
        } else if (QUESTION_WORDS.contains(feature)) {
            idf *= QUESTION_WORD_FACTOR;
        }
        return idf;
    }

    /**
     * Similarity of a query (its feature set and total weight) to one question (its features, their weights and
     * their total weight).
     */
    public static double similarity(Set<String> query, double queryTotal, String[] question, double[] questionWeights,
            double questionTotal) {
        double common = 0;
        for (int i = 0; i < question.length; i++) {
            if (query.contains(question[i])) {
                common += questionWeights[i];
            }
        }
        if (queryTotal <= 0 || questionTotal <= 0 || common <= 0) {
            return 0;
        }
        double dice = 2 * common / (queryTotal + questionTotal);
        double overlap = common / Math.max(Math.min(queryTotal, questionTotal), OVERLAP_FLOOR);
        return Math.min(1.0, Math.max(dice, (dice + overlap) / 2));
    }

    static double sum(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        return total;
    }

    /** Every question of an entry whose features count for confidence: the standard one, then the similar ones. */
    public static List<String> questionsOf(io.lingxi.knowledge.domain.Faq faq) {
        List<String> questions = new ArrayList<>(1 + faq.similarQuestions().size());
        questions.add(faq.question());
        questions.addAll(faq.similarQuestions());
        return questions;
    }
}
