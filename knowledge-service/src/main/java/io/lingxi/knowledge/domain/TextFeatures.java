package io.lingxi.knowledge.domain;

import java.text.Normalizer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The weighted features of a short text, for comparing questions without a dictionary. Chinese has no spaces,
 * so Han text becomes character bigrams (a lone character becomes a unigram); Latin script becomes lightly
 * stemmed words. Words that only make a sentence a question (怎么, 什么, how, what) count for little, and
 * particles and pronouns (的, 了, 吗, 我, the, my) count for nothing: otherwise "我的…吗" would match every
 * question a customer ever asked.
 *
 * @param weights feature → weight
 * @param total   sum of the weights
 */
public record TextFeatures(Map<String, Double> weights, double total) {

    /** Weight of a question word: present, but far from what a question is about. */
    static final double FUNCTION_WEIGHT = 0.3;
    /** Weight of a lone Han character: a character says less than a bigram. */
    static final double UNIGRAM_WEIGHT = 0.5;
    static final double CONTENT_WEIGHT = 1.0;

    /**
     * Smallest weight the overlap coefficient divides by: that one text contains a one-word question
     * ("什么时候发货" inside "春节期间还发货吗") says little about whether they ask the same thing.
     */
    static final double OVERLAP_FLOOR = 2.0;

    public static final TextFeatures EMPTY = new TextFeatures(Map.of(), 0);

    /** Particles, pronouns and fillers: separators, never features. */
    private static final String CJK_STOP_CHARS = "的了在吗呢我你您他她它们啊呀吧哦嘛呗哈啦哟喔是和与就都也地得着过";

    /** Polite and filler phrases, dropped. Checked before the stop characters (你好 holds 你). */
    private static final Set<String> CJK_STOP_WORDS = Set.of("你好", "您好", "谢谢", "请问", "麻烦", "一下", "想问", "问一下");

    /** Question words: kept, with {@link #FUNCTION_WEIGHT}. Longest match wins. */
    private static final Set<String> CJK_FUNCTION_WORDS = Set.of("什么时候", "可不可以", "多长时间", "为什么", "怎么样",
            "怎么办", "能不能", "是不是", "有没有", "怎么", "怎样", "什么", "如何", "可以", "能否", "是否", "哪里", "哪儿",
            "多久", "几时");

    private static final int LONGEST_CJK_WORD = 4;

    private static final Set<String> EN_STOP_WORDS = Set.of("a", "an", "the", "i", "me", "my", "mine", "you", "your",
            "yours", "we", "our", "us", "it", "its", "is", "are", "am", "was", "were", "be", "been", "being", "do", "does",
            "did", "done", "can", "could", "would", "will", "shall", "should", "may", "might", "must", "to", "of", "in",
            "on", "at", "for", "from", "by", "with", "about", "into", "and", "or", "but", "not", "no", "yes", "please",
            "hi", "hello", "hey", "thanks", "thank", "there", "here", "this", "that", "these", "those", "some", "any",
            "something", "anything", "get", "got", "have", "has", "had", "just", "so", "if", "then", "than", "too",
            "very", "also", "yet", "want", "need", "know", "tell", "let", "like", "don", "doesn", "didn", "isn", "won",
            "cant", "dont", "im", "ll", "re", "ve");

    /** Question words, stemmed like every other word. */
    private static final Set<String> EN_FUNCTION_WORDS = Set.of("how", "what", "when", "where", "why", "which", "who",
            "long", "take", "much", "many", "way").stream().map(TextFeatures::stem).collect(Collectors.toUnmodifiableSet());

    /**
     * Full-width forms become half-width (NFKC), letters become lower case, punctuation and symbols become
     * single spaces.
     */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        boolean space = true;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(cp);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == ' ') {
            out.setLength(end - 1);
        }
        return out.toString();
    }

    /** The features of {@code text}; {@link #EMPTY} when nothing in it carries meaning. */
    public static TextFeatures of(String text) {
        String normal = normalise(text);
        Map<String, Double> weights = new HashMap<>();
        StringBuilder han = new StringBuilder();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < normal.length(); ) {
            int cp = normal.codePointAt(i);
            i += Character.charCount(cp);
            if (isHan(cp)) {
                addWord(word, weights);
                han.appendCodePoint(cp);
            } else {
                addHan(han, weights);
                if (cp == ' ') {
                    addWord(word, weights);
                } else {
                    word.appendCodePoint(cp);
                }
            }
        }
        addHan(han, weights);
        addWord(word, weights);
        return of(weights);
    }

    private static TextFeatures of(Map<String, Double> weights) {
        if (weights.isEmpty()) {
            return EMPTY;
        }
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        return new TextFeatures(Collections.unmodifiableMap(weights), total);
    }

    /**
     * How alike two texts are, in [0, 1]: the weighted Dice coefficient (both texts say the same), raised
     * towards the weighted overlap coefficient (one text says all the other says, as when a customer wraps the
     * question in a longer message) by taking their mean when that is higher. Identical texts score 1.
     */
    public static double similarity(TextFeatures a, TextFeatures b) {
        if (a.total <= 0 || b.total <= 0) {
            return 0;
        }
        TextFeatures small = a.weights.size() <= b.weights.size() ? a : b;
        TextFeatures large = small == a ? b : a;
        double common = 0;
        for (Map.Entry<String, Double> feature : small.weights.entrySet()) {
            Double other = large.weights.get(feature.getKey());
            if (other != null) {
                common += Math.min(feature.getValue(), other);
            }
        }
        double dice = 2 * common / (a.total + b.total);
        double overlap = common / Math.max(Math.min(a.total, b.total), OVERLAP_FLOOR);
        return Math.min(1.0, Math.max(dice, (dice + overlap) / 2));
    }

    /** Splits a run of Han characters at question words and stop characters; the pieces become bigrams. */
    private static void addHan(StringBuilder run, Map<String, Double> weights) {
        if (run.length() == 0) {
            return;
        }
        String text = run.toString();
        run.setLength(0);
        StringBuilder piece = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            String word = longestWordAt(text, i);
            if (word != null) {
                addBigrams(piece, weights);
                if (CJK_FUNCTION_WORDS.contains(word)) {
                    put(weights, word, FUNCTION_WEIGHT);
                }
                i += word.length();
                continue;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (CJK_STOP_CHARS.indexOf(cp) >= 0) {
                addBigrams(piece, weights);
            } else {
                piece.appendCodePoint(cp);
            }
        }
        addBigrams(piece, weights);
    }

    private static String longestWordAt(String text, int start) {
        for (int length = Math.min(LONGEST_CJK_WORD, text.length() - start); length >= 2; length--) {
            String candidate = text.substring(start, start + length);
            if (CJK_FUNCTION_WORDS.contains(candidate) || CJK_STOP_WORDS.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void addBigrams(StringBuilder piece, Map<String, Double> weights) {
        int[] cps = piece.codePoints().toArray();
        piece.setLength(0);
        if (cps.length == 1) {
            put(weights, new String(cps, 0, 1), UNIGRAM_WEIGHT);
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            put(weights, new String(cps, i, 2), CONTENT_WEIGHT);
        }
    }

    private static void addWord(StringBuilder word, Map<String, Double> weights) {
        if (word.length() == 0) {
            return;
        }
        String token = word.toString();
        word.setLength(0);
        if (EN_STOP_WORDS.contains(token) || token.length() == 1 && Character.isLetter(token.charAt(0))) {
            return;
        }
        String stem = stem(token);
        put(weights, stem, EN_FUNCTION_WORDS.contains(stem) ? FUNCTION_WEIGHT : CONTENT_WEIGHT);
    }

    private static void put(Map<String, Double> weights, String feature, double weight) {
        weights.merge(feature, weight, Math::max);
    }

    private static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    /**
     * A deliberately small English stemmer, applied alike to questions and queries: plurals, -ing, -ed, a
     * doubled final consonant and a final e ("returns", "returned", "returning" → "return"; "shipping" →
     * "ship"; "changed", "change" → "chang"; "cancelled" → "cancel").
     */
    static String stem(String word) {
        if (!word.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return word;
        }
        String w = word;
        if (w.length() > 4 && w.endsWith("ies")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 4 && (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches")
                || w.endsWith("shes"))) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        boolean suffixRemoved = false;
        if (w.length() >= 6 && w.endsWith("ing")) {
            w = w.substring(0, w.length() - 3);
            suffixRemoved = true;
        } else if (w.length() >= 5 && w.endsWith("ed") && !w.endsWith("eed")) {
            w = w.substring(0, w.length() - 2);
            suffixRemoved = true;
        }
        int n = w.length();
        if (suffixRemoved && n >= 3 && w.charAt(n - 1) == w.charAt(n - 2) && "aeiouls".indexOf(w.charAt(n - 1)) < 0) {
            w = w.substring(0, n - 1);
        } else if (suffixRemoved && n >= 6 && w.endsWith("ll")) {
            w = w.substring(0, n - 1);
        }
        if (w.length() > 3 && w.endsWith("e")) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }
}
