package io.lingxi.knowledge.domain;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups near-duplicate questions into topics: greedy single pass over the distinct questions, most asked first;
 * a question joins the first topic whose seed question shares at least {@code threshold} of their features
 * (Jaccard over Han character bigrams and single characters, and Latin words), otherwise it seeds a new topic.
 * Cheap (questions × topics) and good enough for the wording variants customers produce; an editor merges the rest.
 */
public final class TopicClustering {

    /** One stored question. */
    public record Asked(String question, Instant askedAt) {
    }

    /** A topic: its seed question, how often it was asked, its distinct wordings (most asked first). */
    public record Topic(String id, String question, int count, List<Example> examples, Instant firstAsked,
            Instant lastAsked) {
    }

    public record Example(String question, int count) {
    }

    private static final Set<String> STOP = Set.of("的", "了", "吗", "呢", "吧", "啊", "呀", "我", "你", "您", "请", "问",
            "是", "在", "a", "an", "the", "i", "my", "is", "are", "do", "does", "to", "of", "can", "you", "please", "?");

    private final double threshold;

    public TopicClustering(double threshold) {
        this.threshold = threshold;
    }

    public List<Topic> cluster(List<Asked> questions, int maxExamples) {
        Map<String, List<Asked>> byText = new LinkedHashMap<>();
        for (Asked asked : questions) {
            byText.computeIfAbsent(normalize(asked.question()), k -> new ArrayList<>()).add(asked);
        }
        List<Map.Entry<String, List<Asked>>> distinct = new ArrayList<>(byText.entrySet());
        distinct.sort(Comparator.comparingInt((Map.Entry<String, List<Asked>> e) -> e.getValue().size()).reversed()
                .thenComparing(Map.Entry::getKey));
        List<Builder> topics = new ArrayList<>();
        for (Map.Entry<String, List<Asked>> entry : distinct) {
            Set<String> features = features(entry.getKey());
            if (features.isEmpty()) {
                continue;
            }
            Builder home = null;
            double best = 0;
            for (Builder topic : topics) {
                double similarity = jaccard(features, topic.features);
                if (similarity >= threshold && similarity > best) {
                    best = similarity;
                    home = topic;
                }
            }
            if (home == null) {
                home = new Builder(features);
                topics.add(home);
            }
            home.add(entry.getValue());
        }
        return topics.stream().map(b -> b.build(maxExamples))
                .sorted(Comparator.comparingInt(Topic::count).reversed().thenComparing(Topic::id)).toList();
    }

    private static final class Builder {
        final Set<String> features;
        final List<List<Asked>> wordings = new ArrayList<>();

        Builder(Set<String> features) {
            this.features = features;
        }

        void add(List<Asked> wording) {
            wordings.add(wording);
        }

        Topic build(int maxExamples) {
            int count = wordings.stream().mapToInt(List::size).sum();
            Instant first = wordings.stream().flatMap(List::stream).map(Asked::askedAt).min(Instant::compareTo)
                    .orElse(null);
            Instant last = wordings.stream().flatMap(List::stream).map(Asked::askedAt).max(Instant::compareTo)
                    .orElse(null);
            List<Example> examples = wordings.stream().limit(maxExamples)
                    .map(w -> new Example(literal(w), w.size())).toList();
            String seed = literal(wordings.get(0));
            return new Topic(id(seed), seed, count, examples, first, last);
        }
    }

    /** How a wording was written most often (ties: the shortest, then the first in order). */
    private static String literal(List<Asked> wording) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        wording.forEach(a -> counts.merge(a.question(), 1, Integer::sum));
        return counts.entrySet().stream()
                .min(Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getValue())
                        .thenComparingInt(e -> e.getKey().length())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).orElseThrow();
    }

    /** A short, stable id of a topic, derived from its seed question. */
    public static String id(String seed) {
        return "t" + Integer.toHexString(normalize(seed).hashCode() & 0x7fffffff);
    }

    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip()
                .replaceAll("[\\p{P}\\s]+", " ").strip();
    }

    /** Han single characters and bigrams (stop characters dropped) and Latin words. */
    static Set<String> features(String normalized) {
        Set<String> features = new HashSet<>();
        StringBuilder han = new StringBuilder();
        for (String token : normalized.split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            han.setLength(0);
            StringBuilder latin = new StringBuilder();
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                    flushLatin(latin, features);
                    if (!STOP.contains(String.valueOf(c))) {
                        han.append(c);
                    }
                } else if (Character.isLetterOrDigit(c)) {
                    latin.append(c);
                }
            }
            flushLatin(latin, features);
            for (int i = 0; i < han.length(); i++) {
                features.add(String.valueOf(han.charAt(i)));
                if (i + 1 < han.length()) {
                    features.add(han.substring(i, i + 2));
                }
            }
        }
        return features;
    }

    private static void flushLatin(StringBuilder latin, Set<String> features) {
        if (latin.length() > 0) {
            String word = latin.toString();
            if (!STOP.contains(word)) {
                features.add(word);
            }
            latin.setLength(0);
        }
    }

    static double jaccard(Set<String> a, Set<String> b) {
        int common = 0;
        for (String f : a) {
            if (b.contains(f)) {
                common++;
            }
        }
        int union = a.size() + b.size() - common;
        return union == 0 ? 0 : (double) common / union;
    }
}
