package io.lingxi.knowledge.search;

import io.lingxi.knowledge.domain.Faq;
import io.lingxi.knowledge.domain.Match;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One tenant's entries as {@link Confidence} sees them, kept in memory by every backend: each entry's question
 * features (worked out once per synonym dictionary) and the document frequency of every feature over the tenant.
 * A backend retrieves candidates its own way (BM25 in Lucene or Elasticsearch) and ranks them here, so that both
 * backends give the same confidences. Also chooses the terms of the retrieval query, the same for every backend.
 * Reads are thread-safe; writers synchronise on the instance.
 */
public final class TenantEntries {

    static final double COMMON_TERM_SHARE = 0.05;
    static final int COMMON_TERM_MIN_DOCS = 50;
    static final int MAX_TERMS_PER_FIELD = 200;

    private record Indexed(Faq faq, List<String[]> questions, Set<String> features, WeightCache cache) {
    }

    /** The weights of an entry's question features, valid while the tenant's statistics keep their generation. */
    private static final class WeightCache {
        volatile Weights current;
    }

    private record Weights(long generation, double[][] weights, double[] totals) {
    }

    /** A query's features and their total weight, worked out once per search. */
    public record QueryFeatures(Set<String> features, double total) {
    }

    /**
     * The terms a backend's retrieval query should contain: words (word fields) and Han characters (char field);
     * {@code pruned} when common terms were left out.
     */
    public record RetrievalTerms(List<String> words, List<String> chars, boolean pruned) {
        public boolean isEmpty() {
            return words.isEmpty() && chars.isEmpty();
        }
    }

    private final KnowledgeAnalysis analysis;
    private final Confidence confidence;
    private final Map<String, Indexed> entries = new ConcurrentHashMap<>();
    private final Map<String, Integer> documentFrequency = new ConcurrentHashMap<>();
    /** Bumped at every change of the entries: cached weights of another generation are stale. */
    private volatile long generation;

    public TenantEntries(KnowledgeAnalysis analysis, Confidence confidence) {
        this.analysis = analysis;
        this.confidence = confidence;
    }

    public synchronized void put(Faq faq, SynonymDictionary dictionary) {
        Indexed entry = indexed(faq, dictionary);
        Indexed previous = entries.put(faq.id(), entry);
        if (previous != null) {
            forget(previous);
        }
        entry.features().forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
        generation++;
    }

    public synchronized void remove(String id) {
        Indexed previous = entries.remove(id);
        if (previous != null) {
            forget(previous);
        }
        generation++;
    }

    public synchronized void clear() {
        entries.clear();
        documentFrequency.clear();
        generation++;
    }

    /** Works every entry's features out again with another synonym dictionary. */
    public synchronized void resynonym(SynonymDictionary dictionary) {
        for (Faq faq : faqs()) {
            put(faq, dictionary);
        }
    }

    private void forget(Indexed previous) {
        previous.features().forEach(f -> documentFrequency.computeIfPresent(f, (k, v) -> v > 1 ? v - 1 : null));
    }

    public Faq get(String id) {
        Indexed entry = entries.get(id);
        return entry == null ? null : entry.faq();
    }

    public List<Faq> faqs() {
        return entries.values().stream().map(Indexed::faq).toList();
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The query's features, or null when nothing but stop words is left. */
    public QueryFeatures prepare(String query, SynonymDictionary dictionary) {
        String[] features = confidence.features(query, dictionary);
        if (features.length == 0) {
            return null;
        }
        double total = Confidence.sum(Confidence.weights(features, f -> documentFrequency.getOrDefault(f, 0),
                entries.size()));
        return new QueryFeatures(Set.of(features), total);
    }

    /** Confidence that entry {@code id} answers the query: the best over its questions; 0 when unknown. */
    public double confidence(QueryFeatures query, String id) {
        Indexed entry = entries.get(id);
        if (entry == null) {
            return 0;
        }
        Weights weights = weights(entry);
        double best = 0;
        for (int q = 0; q < entry.questions().size(); q++) {
            best = Math.max(best, Confidence.similarity(query.features(), query.total(), entry.questions().get(q),
                    weights.weights()[q], weights.totals()[q]));
        }
        return best;
    }

    private Weights weights(Indexed entry) {
        Weights cached = entry.cache().current;
        long now = generation;
        if (cached != null && cached.generation() == now) {
            return cached;
        }
        int documents = entries.size();
        double[][] weights = new double[entry.questions().size()][];
        double[] totals = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Confidence.weights(entry.questions().get(i), f -> documentFrequency.getOrDefault(f, 0),
                    documents);
            totals[i] = Confidence.sum(weights[i]);
        }
        Weights fresh = new Weights(now, weights, totals);
        entry.cache().current = fresh;
        return fresh;
    }

    /**
     * The terms of the retrieval query: the query's words and characters plus those of the synonyms it mentions.
     * Terms found in more than {@link #COMMON_TERM_SHARE} of the tenant's entries (at least
     * {@link #COMMON_TERM_MIN_DOCS}) are left out when rarer ones remain, as Lucene's common-terms query does: they
     * barely move BM25 but make every query visit most postings. Confidence still counts them.
     */
    public RetrievalTerms retrievalTerms(String normalized, SynonymDictionary dictionary) {
        Set<String> words = new LinkedHashSet<>(analysis.words(normalized));
        Set<String> chars = new LinkedHashSet<>(analysis.chars(normalized));
        for (String alternative : dictionary.alternatives(normalized)) {
            words.addAll(analysis.words(alternative));
            chars.addAll(analysis.chars(alternative));
        }
        int common = Math.max(COMMON_TERM_MIN_DOCS, (int) (entries.size() * COMMON_TERM_SHARE));
        Set<String> rareWords = new LinkedHashSet<>();
        words.forEach(w -> {
            if (documentFrequency.getOrDefault("w:" + w, 0) <= common) {
                rareWords.add(w);
            }
        });
        Set<String> rareChars = new LinkedHashSet<>();
        chars.forEach(c -> {
            if (documentFrequency.getOrDefault("c:" + c, 0) <= common) {
                rareChars.add(c);
            }
        });
        boolean pruned = false;
        if ((!rareWords.isEmpty() || !rareChars.isEmpty())
                && (rareWords.size() < words.size() || rareChars.size() < chars.size())) {
            words = rareWords;
            chars = rareChars;
            pruned = true;
        }
        return new RetrievalTerms(limited(words), limited(chars), pruned);
    }

    static List<String> limited(Collection<String> tokens) {
        return tokens.stream().distinct().limit(MAX_TERMS_PER_FIELD).toList();
    }

    /** A candidate with its confidence and the backend's own relevance score (the tie-breaker). */
    public record Scored(Faq faq, double confidence, double relevance) {
    }

    /** Candidates best first: confidence, then relevance, then id (so both backends order ties alike). */
    public static List<Match.Hit> rank(List<Scored> scored, int limit) {
        List<Scored> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Scored::confidence).reversed()
                .thenComparing(Comparator.comparingDouble(Scored::relevance).reversed())
                .thenComparing(s -> s.faq().id()));
        return sorted.stream().limit(Math.max(1, limit)).map(s -> new Match.Hit(s.faq(), s.confidence())).toList();
    }

    private Indexed indexed(Faq faq, SynonymDictionary dictionary) {
        List<String[]> questions = new ArrayList<>();
        Set<String> features = new HashSet<>();
        for (String question : Confidence.questionsOf(faq)) {
            String[] f = confidence.features(question, dictionary);
            questions.add(f);
            features.addAll(List.of(f));
        }
        return new Indexed(faq, List.copyOf(questions), Set.copyOf(features), new WeightCache());
    }
}
