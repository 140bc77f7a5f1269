package io.lingxi.handoff.domain;

import java.util.Locale;

/** What the customer is told while waiting: Chinese unless their language is English. */
public final class QueueMessages {

    private QueueMessages() {
    }

    /** The "you are queued" message; {@code ahead} is how many customers will be served first. */
    public static String queued(String language, int ahead) {
        if (isEnglish(language)) {
            return switch (ahead) {
                case 0 -> "Connecting you to a human agent. You are next in line; please wait.";
                case 1 -> "Connecting you to a human agent. There is 1 customer ahead of you; please wait.";
                default -> "Connecting you to a human agent. There are " + ahead + " customers ahead of you; please wait.";
            };
        }
        return ahead == 0 ? "正在为您转接人工客服，您是下一位，请稍候。"
                : "正在为您转接人工客服，您前面还有 " + ahead + " 位客户，请稍候。";
    }

    static boolean isEnglish(String language) {
        if (language == null) {
            return false;
        }
        String lower = language.toLowerCase(Locale.ROOT);
        return lower.equals("en") || lower.startsWith("en-") || lower.startsWith("en_");
    }
}
