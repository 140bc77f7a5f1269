package io.lingxi.nlu.sentiment;

import io.lingxi.nlu.model.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Features for customer-service sentiment, Chinese and English. Text goes through {@link TextNormalizer} first
 * (full-width → half-width, lower case, traditional → simplified, number/URL/e-mail placeholders), after emoji
 * with a clear polarity have been replaced by placeholders of their own.
 * <ul>
 *   <li>Chinese: characters, character bigrams and trigrams. After a negator (不 没 别 无 未 非 莫 甭) the next
 *   {@value #CHINESE_SCOPE} characters, up to punctuation, are in its scope: their characters and bigrams get the
 *   prefix {@code N:}, so 不满意 yields {@code N:满意} instead of {@code 满意}, and a second negator inside the
 *   scope flips it back (不是不满意). Words that merely begin with a negator character (不错, 不过, 没事, 无论, …)
 *   open no scope.</li>
 *   <li>English: words, a five-letter prefix of longer words (a cheap stem: disappointed / disappointing), word
 *   bigrams; after not / no / never / n't / … the next {@value #ENGLISH_SCOPE} words, up to punctuation, get
 *   {@code N:}.</li>
 *   <li>Both: intensifiers (太 非常 very so …), exclamation and question marks and their repetition, ellipses,
 *   emoji polarity, and the {@link SentimentLexicon}'s verdict in buckets.</li>
 * </ul>
 */
public final class SentimentFeatures {

    static final int CHINESE_SCOPE = 5;
    static final int ENGLISH_SCOPE = 3;

    static final String NEGATIVE_EMOJI = "⟨emoneg⟩";
    static final String POSITIVE_EMOJI = "⟨emopos⟩";

    private static final String CHINESE_NEGATORS = "不没别无未非莫甭";
    /** Words that begin with a negator character but negate nothing that follows. */
    private static final List<String> NOT_NEGATING = List.of("不错", "不过", "不管", "不仅", "不但", "不久", "不少",
            "不如", "别人", "别的", "别处", "无论", "没事", "非常", "无所谓", "不客气", "莫名");
    private static final List<String> CHINESE_INTENSIFIERS = List.of("太", "非常", "特别", "超级", "极其", "十分",
            "真的", "实在", "根本", "简直", "一直", "完全", "真是");
    private static final Set<String> ENGLISH_NEGATORS = Set.of("not", "no", "never", "nothing", "nobody", "none",
            "hardly", "without", "nor", "cannot", "neither", "barely");
    private static final Set<String> ENGLISH_INTENSIFIERS = Set.of("very", "so", "really", "extremely", "totally",
            "absolutely", "completely", "too", "super", "incredibly", "utterly", "seriously", "such");
    private static final String NEGATIVE_EMOJI_CHARS = "😡😠🤬😤😞😢😭💢👎🙄😒😩😫😣😖😓😔😟🤮💔😰";
    private static final String POSITIVE_EMOJI_CHARS = "😊😀😁😄😃😆👍❤🥰😍🙏💯🎉😘👏☺🌹💐😇🤗✨🌟😉";

    private SentimentFeatures() {
    }

    /** The features of one message; never empty (a bias feature is always there). */
    public static String[] of(String text) {
        List<String> features = new ArrayList<>(96);
        features.add("BIAS");
        punctuation(text, features);
        lexicon(text, features);
        String normalized = TextNormalizer.normalize(emoji(text));
        StringBuilder run = new StringBuilder();
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < normalized.length()) {
            char c = normalized.charAt(i);
            if (isChinese(c)) {
                flushWords(words, features);
                run.append(c);
                i++;
            } else if (isLatin(c)) {
                flushChinese(run, features);
                int start = i;
                while (i < normalized.length() && (isLatin(normalized.charAt(i)) || normalized.charAt(i) == '\'')) {
                    i++;
                }
                words.add(normalized.substring(start, i));
            } else if (c == '⟨') {
                int end = normalized.indexOf('⟩', i);
                end = end < 0 ? normalized.length() : end + 1;
                flushChinese(run, features);
                flushWords(words, features);
                features.add(normalized.substring(i, end));
                i = end;
            } else {
                // punctuation or space; a space separates English words but not a Chinese clause
                if (c != ' ') {
                    flushChinese(run, features);
                    flushWords(words, features);
                }
                i++;
            }
        }
        flushChinese(run, features);
        flushWords(words, features);
        return features.toArray(String[]::new);
    }

    private static void punctuation(String text, List<String> features) {
        int exclamations = 0;
        int questions = 0;
        int longestRun = 0;
        int run = 0;
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean exclamation = c == '!' || c == '！';
            boolean question = c == '?' || c == '？';
            exclamations += exclamation ? 1 : 0;
            questions += question ? 1 : 0;
            if ((exclamation || question) && (previous == '!' || previous == '！' || previous == '?' || previous == '？')) {
                run++;
            } else {
                run = exclamation || question ? 1 : 0;
            }
            longestRun = Math.max(longestRun, run);
            previous = c;
        }
        if (exclamations > 0) {
            features.add(exclamations > 1 ? "P:!!" : "P:!");
        }
        if (questions > 0) {
            features.add(questions > 1 ? "P:??" : "P:?");
        }
        if (exclamations > 0 && questions > 0) {
            features.add("P:?!");
        }
        if (longestRun >= 3) {
            features.add("P:repeat");
        }
        if (text.contains("...") || text.contains("。。") || text.contains("…")) {
            features.add("P:ellipsis");
        }
    }

    private static void lexicon(String text, List<String> features) {
        double score = SentimentLexicon.score(text);
        if (score <= -0.8) {
            features.add("LEX:neg2");
        } else if (score <= -0.3) {
            features.add("LEX:neg");
        } else if (score >= 0.8) {
            features.add("LEX:pos2");
        } else if (score >= 0.3) {
            features.add("LEX:pos");
        }
    }

    private static String emoji(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            String placeholder = NEGATIVE_EMOJI_CHARS.indexOf(cp) >= 0 && cp > 0x2000 ? NEGATIVE_EMOJI
                    : POSITIVE_EMOJI_CHARS.indexOf(cp) >= 0 && cp > 0x2000 ? POSITIVE_EMOJI : null;
            if (placeholder != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (placeholder != null) {
                    out.append(' ').append(placeholder).append(' ');
                } else {
                    out.appendCodePoint(cp);
                }
            }
            i += width;
        }
        String replaced = out == null ? text : out.toString();
        return replaced.replace(":)", " " + POSITIVE_EMOJI + " ").replace(":(", " " + NEGATIVE_EMOJI + " ");
    }

    private static void flushChinese(StringBuilder run, List<String> features) {
        if (run.isEmpty()) {
            return;
        }
        String s = run.toString();
        run.setLength(0);
        int n = s.length();
        boolean[] negated = new boolean[n];
        boolean[] intensified = new boolean[n];
        boolean[] doubled = new boolean[n];
        int scope = 0;
        boolean flipped = false;
        for (int i = 0; i < n; i++) {
            boolean opensScope = CHINESE_NEGATORS.indexOf(s.charAt(i)) >= 0 && !startsWithAny(s, i, NOT_NEGATING);
            if (scope > 0) {
                negated[i] = flipped;
                scope--;
            }
            if (opensScope) {
                // 不是不满意: a negator inside a scope turns it back
                doubled[i] = scope > 0 && flipped;
                flipped = scope > 0 ? !flipped : true;
                scope = CHINESE_SCOPE;
                negated[i] = false;
            } else if (scope == 0) {
                flipped = false;
            }
            if (startsWithAny(s, i, CHINESE_INTENSIFIERS)) {
                features.add("INT");
                for (int j = i + 1; j < Math.min(n, i + 4); j++) {
                    intensified[j] = true;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            // the lexicon's cues as polarity features, so that negation generalises to cues the data lacks
            for (int length = 1; length <= 4 && i + length <= n; length++) {
                double weight = SentimentLexicon.chineseCue(s.substring(i, i + length));
                if (weight != 0) {
                    features.add(cue(weight, negated[i]));
                }
            }
            String c = String.valueOf(s.charAt(i));
            features.add(negated[i] ? "N:" + c : c);
            if (i + 1 < n) {
                String bigram = s.substring(i, i + 2);
                // 不是不满意: the second 不's n-grams are not the complaint 不满意 is
                features.add(doubled[i] ? "D:" + bigram : negated[i] && negated[i + 1] ? "N:" + bigram : bigram);
                if (intensified[i] && !negated[i]) {
                    features.add("I:" + bigram);
                }
            }
            if (i + 2 < n) {
                features.add((doubled[i] ? "D:" : "") + s.substring(i, i + 3));
            }
        }
        features.add("B:" + s.charAt(0));
        features.add("E:" + s.charAt(n - 1));
        if (n >= 2) {
            features.add("E:" + s.substring(n - 2));
        }
    }

    private static String cue(double weight, boolean negated) {
        return (negated ? "N:" : "") + (weight < 0 ? "CUE:neg" : "CUE:pos");
    }

    private static boolean startsWithAny(String s, int at, List<String> words) {
        for (String word : words) {
            if (s.startsWith(word, at)) {
                return true;
            }
        }
        return false;
    }

    private static void flushWords(List<String> words, List<String> features) {
        if (words.isEmpty()) {
            return;
        }
        int scope = 0;
        String previous = "<s>";
        boolean intensified = false;
        for (String word : words) {
            boolean negator = ENGLISH_NEGATORS.contains(word) || word.endsWith("n't");
            String marked = scope > 0 && !negator ? "N:" + word : word;
            features.add(marked);
            double weight = SentimentLexicon.englishCue(word);
            if (weight != 0) {
                features.add(cue(weight, scope > 0 && !negator));
            }
            if (word.length() > 5 && scope == 0) {
                features.add("S:" + word.substring(0, 5));
            }
            features.add(previous + "_" + word);
            if (intensified) {
                features.add("I:" + word);
            }
            intensified = ENGLISH_INTENSIFIERS.contains(word);
            if (intensified) {
                features.add("INT");
            }
            if (negator) {
                scope = ENGLISH_SCOPE;
            } else if (scope > 0) {
                scope--;
            }
            previous = word;
        }
        features.add(previous + "_</s>");
        words.clear();
    }

    private static boolean isChinese(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
