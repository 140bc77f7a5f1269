package io.lingxi.knowledge.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's synonym groups (快递 = 物流 = 包裹; 退款 = 退钱), applied in the application so that every backend
 * behaves alike. Two uses: {@link #canonicalize} rewrites every member of a group to the group's first term (for
 * confidence, so a synonym counts as the same word), and {@link #alternatives} lists the other members of the
 * groups a query mentions (for retrieval, so entries written with another member are found). Latin-script
 * members match whole words only; Han members match anywhere. Immutable.
 */
public final class SynonymDictionary {

    public static final SynonymDictionary EMPTY = new SynonymDictionary(List.of());

    private record Member(String text, String canonical, int group, boolean latin) {
    }

    private final List<List<String>> groups;
    /** First character → members starting with it, longest first. */
    private final Map<Character, List<Member>> byFirstChar = new HashMap<>();

    public SynonymDictionary(Collection<? extends Collection<String>> groups) {
        List<List<String>> normalized = new ArrayList<>();
        for (Collection<String> group : groups) {
            Set<String> terms = new LinkedHashSet<>();
            for (String term : group) {
                String t = KnowledgeAnalysis.normalize(term).trim();
                if (!t.isEmpty()) {
                    terms.add(t);
                }
            }
            if (terms.size() >= 2) {
                normalized.add(List.copyOf(terms));
            }
        }
        this.groups = List.copyOf(normalized);
        for (int g = 0; g < this.groups.size(); g++) {
            List<String> group = this.groups.get(g);
            for (String term : group) {
                byFirstChar.computeIfAbsent(term.charAt(0), c -> new ArrayList<>())
                        .add(new Member(term, group.get(0), g, isLatin(term)));
            }
        }
        byFirstChar.values().forEach(list -> list.sort(Comparator.comparingInt((Member m) -> m.text.length()).reversed()));
    }

    public List<List<String>> groups() {
        return groups;
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /** {@code text} (already {@link KnowledgeAnalysis#normalize normalised}) with every member replaced by its group's first term. */
    public String canonicalize(String text) {
        if (groups.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            Member member = memberAt(text, i);
            if (member == null) {
                out.append(text.charAt(i));
                i++;
            } else {
                out.append(member.canonical);
                i += member.text.length();
            }
        }
        return out.toString();
    }

    /** The members of the groups that {@code text} mentions, other than the ones it uses. */
    public List<String> alternatives(String text) {
        if (groups.isEmpty()) {
            return List.of();
        }
        Set<Integer> found = new LinkedHashSet<>();
        Set<String> used = new LinkedHashSet<>();
        int i = 0;
        while (i < text.length()) {
            Member member = memberAt(text, i);
            if (member == null) {
                i++;
            } else {
                found.add(member.group);
                used.add(member.text);
                i += member.text.length();
            }
        }
        List<String> alternatives = new ArrayList<>();
        for (int g : found) {
            for (String term : groups.get(g)) {
                if (!used.contains(term)) {
                    alternatives.add(term);
                }
            }
        }
        return alternatives;
    }

    private Member memberAt(String text, int i) {
        List<Member> candidates = byFirstChar.get(text.charAt(i));
        if (candidates == null) {
            return null;
        }
        for (Member m : candidates) {
            if (text.startsWith(m.text, i) && (!m.latin || wordBoundary(text, i, i + m.text.length()))) {
                return m;
            }
        }
        return null;
    }

    private static boolean wordBoundary(String text, int start, int end) {
        return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)));
    }

    private static boolean isLatin(String term) {
        return term.chars().anyMatch(c -> c < 0x2E80 && Character.isLetter(c));
    }
}
