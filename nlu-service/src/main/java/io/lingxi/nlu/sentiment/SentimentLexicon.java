package io.lingxi.nlu.sentiment;

import io.lingxi.nlu.model.TextNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A weighted customer-service lexicon, Chinese and English (投诉, 太慢了, 垃圾, 退钱, "this is ridiculous"), with
 * negation (不满意, "not happy"), intensifiers (太, 非常, "very") and exclamation marks. It was the whole sentiment
 * analyser before the trained {@link SentimentModel}; now it measures how strongly a message is worded, which
 * the classifier's three labels do not say: two anger cues and "!!!" are stronger than one mild cue. Thread-safe.
 */
public final class SentimentLexicon {

    /** Cue → weight; longer cues are matched first so that 不满意 is not read as 满意. */
    private static final Map<String, Double> CHINESE = Map.ofEntries(
            // negative, customer-service flavoured
            Map.entry("投诉", -1.5), Map.entry("举报", -1.5), Map.entry("垃圾", -2.0), Map.entry("骗子", -2.0),
            Map.entry("欺骗", -1.5), Map.entry("太慢", -1.2), Map.entry("慢死", -1.5), Map.entry("退钱", -1.2),
            Map.entry("差评", -1.5), Map.entry("生气", -1.5), Map.entry("气死", -2.0), Map.entry("愤怒", -2.0),
            Map.entry("失望", -1.5), Map.entry("恶心", -1.5), Map.entry("离谱", -1.5), Map.entry("过分", -1.5),
            Map.entry("坑人", -1.5), Map.entry("忽悠", -1.2), Map.entry("不负责", -1.5), Map.entry("烂", -1.2),
            Map.entry("差劲", -1.5), Map.entry("太差", -1.5), Map.entry("很差", -1.5), Map.entry("糟糕", -1.2),
            Map.entry("着急", -0.8), Map.entry("急死", -1.5), Map.entry("赶紧", -0.6), Map.entry("马上处理", -0.6),
            Map.entry("坏了", -0.8), Map.entry("破损", -0.8), Map.entry("没人管", -1.2), Map.entry("无语", -1.2),
            Map.entry("麻烦", -0.5), Map.entry("难用", -1.2), Map.entry("不好", -1.0), Map.entry("后悔", -1.0), Map.entry("差", -0.8),
            // positive
            Map.entry("满意", 1.2), Map.entry("谢谢", 1.0), Map.entry("感谢", 1.0), Map.entry("很好", 1.2),
            Map.entry("太棒", 1.5), Map.entry("不错", 1.0), Map.entry("好评", 1.5), Map.entry("喜欢", 1.0),
            Map.entry("给力", 1.2), Map.entry("开心", 1.2), Map.entry("高兴", 1.2), Map.entry("专业", 0.8),
            Map.entry("贴心", 1.2), Map.entry("耐心", 0.8), Map.entry("点赞", 1.2), Map.entry("完美", 1.5),
            Map.entry("好用", 1.0), Map.entry("解决了", 0.8), Map.entry("辛苦", 0.6), Map.entry("靠谱", 1.0));

    private static final Map<String, Double> ENGLISH = Map.ofEntries(
            Map.entry("terrible", -1.5), Map.entry("ridiculous", -1.5), Map.entry("awful", -1.5),
            Map.entry("worst", -2.0), Map.entry("scam", -2.0), Map.entry("useless", -1.5), Map.entry("angry", -1.5),
            Map.entry("furious", -2.0), Map.entry("complaint", -1.2), Map.entry("complain", -1.2),
            Map.entry("disappointed", -1.5), Map.entry("unacceptable", -1.5), Map.entry("horrible", -1.5),
            Map.entry("rude", -1.2), Map.entry("slow", -0.8), Map.entry("broken", -0.8), Map.entry("bad", -1.0),
            Map.entry("poor", -1.0), Map.entry("hate", -1.5), Map.entry("outrageous", -1.5), Map.entry("fraud", -2.0),
            Map.entry("joke", -0.8), Map.entry("annoyed", -1.2), Map.entry("upset", -1.2), Map.entry("urgent", -0.6),
            Map.entry("unhappy", -1.2), Map.entry("frustrated", -1.5), Map.entry("disgraceful", -1.5),
            Map.entry("happy", 1.2), Map.entry("satisfied", 1.2), Map.entry("thanks", 1.0), Map.entry("thank", 1.0),
            Map.entry("great", 1.2), Map.entry("good", 0.8), Map.entry("awesome", 1.5), Map.entry("perfect", 1.5),
            Map.entry("love", 1.2), Map.entry("excellent", 1.5), Map.entry("helpful", 1.0), Map.entry("nice", 0.8),
            Map.entry("appreciate", 1.0), Map.entry("wonderful", 1.5), Map.entry("fast", 0.6));

    /** Longest first, then in a fixed order: Map.ofEntries iterates in a different order in every JVM. */
    private static final List<String> CHINESE_CUES = CHINESE.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
            .toList();
    private static final String CHINESE_NEGATORS = "不没别未无";
    private static final List<String> CHINESE_INTENSIFIERS = List.of("太", "很", "非常", "特别", "超级", "真", "极其", "十分");
    private static final Pattern WORD = Pattern.compile("[a-z]+(?:'[a-z]+)?");
    private static final List<String> ENGLISH_NEGATORS = List.of("not", "no", "never", "hardly", "isn't", "wasn't",
            "don't", "doesn't", "didn't", "aren't", "won't", "can't", "cannot", "nothing", "nor");
    private static final List<String> ENGLISH_INTENSIFIERS = List.of("very", "so", "really", "extremely", "totally",
            "absolutely", "completely");

    private SentimentLexicon() {
    }

    /** How strongly {@code text} is worded, from -1 (very negative) to 1 (very positive); 0 when no cue is found. */
    public static double score(String text) {
        String lower = TextNormalizer.fold(text);
        double total = chinese(lower) + english(lower);
        if (total < 0 && lower.contains("!")) {
            total *= 1.2; // "退钱!!!" is angrier than "退钱"
        }
        return Math.max(-1, Math.min(1, Math.tanh(total / 1.5)));
    }

    /** The weight of a Chinese cue of the lexicon ({@code 0} when {@code text} is none), for features. */
    static double chineseCue(String text) {
        return CHINESE.getOrDefault(text, 0.0);
    }

    /** The weight of an English cue word ({@code 0} when it is none), for features. */
    static double englishCue(String word) {
        return ENGLISH.getOrDefault(word, 0.0);
    }

    private static double chinese(String text) {
        double total = 0;
        boolean[] used = new boolean[text.length()];
        for (String cue : CHINESE_CUES) {
            int from = 0;
            int at;
            while ((at = text.indexOf(cue, from)) >= 0) {
                from = at + cue.length();
                if (isUsed(used, at, from)) {
                    continue;
                }
                for (int i = at; i < from; i++) {
                    used[i] = true;
                }
                double weight = CHINESE.get(cue);
                if (negated(text, at)) {
                    weight = weight > 0 ? -weight : -weight * 0.3; // 不满意 is negative; 不差 only faintly positive
                }
                if (intensified(text, at)) {
                    weight *= 1.5;
                }
                total += weight;
            }
        }
        return total;
    }

    private static boolean isUsed(boolean[] used, int from, int to) {
        for (int i = from; i < to; i++) {
            if (used[i]) {
                return true;
            }
        }
        return false;
    }

    /** A negator within the two characters before the cue: 不满意, 不太满意, 没有很好. */
    private static boolean negated(String text, int at) {
        for (int i = Math.max(0, at - 3); i < at; i++) {
            if (CHINESE_NEGATORS.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean intensified(String text, int at) {
        String before = text.substring(Math.max(0, at - 2), at);
        return CHINESE_INTENSIFIERS.stream().anyMatch(before::endsWith);
    }

    private static double english(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        double total = 0;
        for (int i = 0; i < words.size(); i++) {
            Double weight = ENGLISH.get(words.get(i));
            if (weight == null) {
                continue;
            }
            double w = weight;
            for (int j = Math.max(0, i - 3); j < i; j++) {
                if (ENGLISH_NEGATORS.contains(words.get(j))) {
                    w = w > 0 ? -w : -w * 0.3;
                    break;
                }
            }
            if (i > 0 && ENGLISH_INTENSIFIERS.contains(words.get(i - 1))) {
                w *= 1.5;
            }
            total += w;
        }
        return total;
    }
}
