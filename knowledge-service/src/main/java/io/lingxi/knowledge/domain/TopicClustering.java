package io.lingxi.knowledge.domain;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
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

    /**
     * A topic: its seed question, how often it was asked, its distinct wordings (most asked first), and how often
     * it was asked in each bucket of the period ({@link Timeline}; oldest first, empty buckets included).
     */
    public record Topic(String id, String question, int count, List<Example> examples, Instant firstAsked,
            Instant lastAsked, List<Count> counts) {
    }

    public record Example(String question, int count) {
    }

    /** Questions of a topic asked in the bucket that starts on {@code start} (a day, or a week from Monday). */
    public record Count(LocalDate start, int count) {
    }

    /**
     * The buckets of counts over time for a period [from, to): calendar days in {@code zone} for periods of up to
     * {@link #MAX_DAYS} days, otherwise weeks starting on Monday (so a year has 53 buckets, not 365).
     */
    public record Timeline(String bucket, ZoneId zone, List<LocalDate> starts) {

        public static final int MAX_DAYS = 92;

        public static Timeline of(Instant from, Instant to, ZoneId zone) {
            LocalDate first = from.atZone(zone).toLocalDate();
            LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
            boolean daily = ChronoUnit.DAYS.between(first, last) < MAX_DAYS;
            LocalDate start = daily ? first : first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            List<LocalDate> starts = new ArrayList<>();
            for (LocalDate d = start; !d.isAfter(last); d = d.plusDays(daily ? 1 : 7)) {
                starts.add(d);
            }
            return new Timeline(daily ? "day" : "week", zone, List.copyOf(starts));
        }

        /** The bucket of an instant; -1 outside the period. */
        int indexOf(Instant at) {
            LocalDate day = at.atZone(zone).toLocalDate();
            if (starts.isEmpty() || day.isBefore(starts.get(0))) {
                return -1;
            }
            long index = ChronoUnit.DAYS.between(starts.get(0), day) / ("day".equals(bucket) ? 1 : 7);
            return index < starts.size() ? (int) index : -1;
        }
    }

    private static final Set<String> STOP = Set.of("的", "了", "吗", "呢", "吧", "啊", "呀", "我", "你", "您", "请", "问",
            "是", "在", "a", "an", "the", "i", "my", "is", "are", "do", "does", "to", "of", "can", "you", "please", "?");

    private final double threshold;

    public TopicClustering(double threshold) {
        this.threshold = threshold;
    }

    /** Topics without counts over time. */
    public List<Topic> cluster(List<Asked> questions, int maxExamples) {
        return cluster(questions, maxExamples, null);
    }

    /** Topics, most asked first, each with its counts per bucket of {@code timeline} (none when null). */
    public List<Topic> cluster(List<Asked> questions, int maxExamples, Timeline timeline) {
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
        return topics.stream().map(b -> b.build(maxExamples, timeline))
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

        Topic build(int maxExamples, Timeline timeline) {
            int count = wordings.stream().mapToInt(List::size).sum();
            Instant first = wordings.stream().flatMap(List::stream).map(Asked::askedAt).min(Instant::compareTo)
                    .orElse(null);
            Instant last = wordings.stream().flatMap(List::stream).map(Asked::askedAt).max(Instant::compareTo)
                    .orElse(null);
            List<Example> examples = wordings.stream().limit(maxExamples)
                    .map(w -> new Example(literal(w), w.size())).toList();
            String seed = literal(wordings.get(0));
            List<Count> counts = List.of();
            if (timeline != null) {
                int[] perBucket = new int[timeline.starts().size()];
                wordings.stream().flatMap(List::stream).mapToInt(a -> timeline.indexOf(a.askedAt()))
                        .filter(i -> i >= 0).forEach(i -> perBucket[i]++);
                List<Count> series = new ArrayList<>(perBucket.length);
                for (int i = 0; i < perBucket.length; i++) {
                    series.add(new Count(timeline.starts().get(i), perBucket[i]));
                }
                counts = List.copyOf(series);
            }
            return new Topic(id(seed), seed, count, examples, first, last, counts);
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
