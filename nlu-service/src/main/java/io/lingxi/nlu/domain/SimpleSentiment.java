package io.lingxi.nlu.domain;

import io.lingxi.contracts.events.Sentiment;
import java.util.List;
import java.util.Locale;

/** Lexicon sentiment for the walking skeleton: complaint and anger cues are negative, thanks positive. */
public final class SimpleSentiment {

    private static final List<String> NEGATIVE = List.of("投诉", "垃圾", "太慢", "生气", "气死", "差评", "骗子", "退钱",
            "terrible", "ridiculous", "angry", "awful", "worst", "scam", "useless");
    private static final List<String> POSITIVE = List.of("谢谢", "感谢", "满意", "很好", "太棒", "thank", "great",
            "awesome", "perfect", "love");

    public Sentiment score(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        long negative = NEGATIVE.stream().filter(lower::contains).count();
        long positive = POSITIVE.stream().filter(lower::contains).count();
        double score = Math.max(-1, Math.min(1, 0.5 * (positive - negative)));
        if (score <= -0.5) {
            return new Sentiment("negative", score);
        }
        return score >= 0.5 ? new Sentiment("positive", score) : new Sentiment("neutral", score);
    }
}
