package io.lingxi.analytics.domain;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Groups questions that differ only in form: full-width and half-width characters, case, spaces, punctuation,
 * polite openings (请问, 你好, please) and closing particles (吗, 呢, 呀). "请问怎么开发票？" and "怎么开发票呢" are
 * one question. Works on masked text, so the key holds no personal data either.
 */
public final class QuestionKey {

    private static final List<String> OPENINGS = List.of("请问一下", "请问", "您好", "你好", "麻烦问下", "麻烦问一下",
            "想问一下", "想问下", "我想问", "hello", "hi", "please", "excuse me", "can you tell me");
    private static final String PARTICLES = "吗呢呀啊吧哦嘛么";

    private QuestionKey() {
    }

    public static String of(String question) {
        String text = Normalizer.normalize(question == null ? "" : question, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT).strip();
        boolean changed = true;
        while (changed) {
            changed = false;
            String stripped = text.replaceFirst("^[\\p{P}\\p{S}\\s]+", "");
            for (String opening : OPENINGS) {
                if (stripped.startsWith(opening) && stripped.length() > opening.length()) {
                    stripped = stripped.substring(opening.length());
                    break;
                }
            }
            if (!stripped.equals(text)) {
                text = stripped;
                changed = true;
            }
        }
        String compact = text.replaceAll("[\\p{P}\\p{S}\\s]+", "");
        int end = compact.length();
        while (end > 1 && PARTICLES.indexOf(compact.charAt(end - 1)) >= 0) {
            end--;
        }
        return compact.substring(0, end);
    }
}
