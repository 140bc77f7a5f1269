package io.lingxi.nlu.domain;

import io.lingxi.contracts.events.Entity;
import io.lingxi.nlu.model.TextNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A tenant's dictionary entities (products, brands, …): each entry is a type, a canonical value and synonyms.
 * Finds them in a message longest-first (at each position the longest known term wins, and matches never
 * overlap), case-insensitively, full-width like half-width and traditional like simplified, with offsets into the
 * original text; the entity's value is the entry's canonical value. A term that starts or ends with a Latin letter
 * or digit matches only as a whole word ("pro" not inside "product"). Immutable and thread-safe.
 */
public final class Gazetteer {

    /** One dictionary entry. */
    public record Entry(String type, String value, List<String> synonyms) {
    }

    public static final Gazetteer EMPTY = new Gazetteer(List.of());

    private final Map<String, Entry> byTerm = new HashMap<>();
    private final int[] lengths; // distinct term lengths, longest first

    public Gazetteer(List<Entry> entries) {
        TreeSet<Integer> sizes = new TreeSet<>(Comparator.reverseOrder());
        // a term claimed by two entries goes to the first in (type, value) order, whatever the load order
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::type).thenComparing(Entry::value));
        for (Entry entry : sorted) {
            List<String> terms = new ArrayList<>(entry.synonyms());
            terms.add(0, entry.value());
            for (String term : terms) {
                String folded = TextNormalizer.fold(term.strip());
                if (!folded.isEmpty() && byTerm.putIfAbsent(folded, entry) == null) {
                    sizes.add(folded.length());
                }
            }
        }
        lengths = sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    public boolean isEmpty() {
        return byTerm.isEmpty();
    }

    /** The dictionary entities in the text, in order. */
    public List<Entity> find(String text) {
        if (byTerm.isEmpty() || text == null) {
            return List.of();
        }
        String folded = TextNormalizer.fold(text);
        List<Entity> found = new ArrayList<>();
        int i = 0;
        while (i < folded.length()) {
            Entity match = longestAt(text, folded, i);
            if (match != null) {
                found.add(match);
                i = match.end();
            } else {
                i++;
            }
        }
        return found;
    }

    private Entity longestAt(String text, String folded, int start) {
        if (start > 0 && isWordChar(folded.charAt(start - 1)) && isWordChar(folded.charAt(start))) {
            return null; // inside a Latin word
        }
        for (int length : lengths) {
            int end = start + length;
            if (end > folded.length()) {
                continue;
            }
            Entry entry = byTerm.get(folded.substring(start, end));
            if (entry == null) {
                continue;
            }
            if (end < folded.length() && isWordChar(folded.charAt(end - 1)) && isWordChar(folded.charAt(end))) {
                continue; // would cut a Latin word
            }
            return new Entity(entry.type(), entry.value(), text.substring(start, end), start, end);
        }
        return null;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /**
     * Dictionary entities joined with the pattern entities: where they overlap, the pattern entity (an order
     * number, a phone number, …) is kept.
     */
    public static List<Entity> merge(List<Entity> patterns, List<Entity> dictionary) {
        if (dictionary.isEmpty()) {
            return patterns;
        }
        List<Entity> all = new ArrayList<>(patterns);
        for (Entity candidate : dictionary) {
            boolean overlaps = patterns.stream().anyMatch(p -> p.start() < candidate.end()
                    && candidate.start() < p.end());
            if (!overlaps) {
                all.add(candidate);
            }
        }
        all.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(all);
    }
}
