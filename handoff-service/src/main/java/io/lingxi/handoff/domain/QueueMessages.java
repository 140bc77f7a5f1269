package io.lingxi.handoff.domain;

import java.util.Locale;

/** What the customer is told while waiting and when an agent joins: Chinese unless their language is English. */
public final class QueueMessages {

    private QueueMessages() {
    }

    /** Why nobody can take the conversation now. */
    public enum Absence {
        /** somebody can serve the queue */
        NONE,
        /** no agent of the group is online */
        NOBODY_ONLINE,
        /** the group's agents are all outside their working hours */
        OUTSIDE_HOURS
    }

    /** The "you are queued" message without an estimate; {@code ahead} is how many will be served first. */
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

    /**
     * The "you are queued" message: place, then the estimated wait when somebody can serve, otherwise why nobody
     * can and that a message left now reaches an agent later (it becomes a ticket).
     */
    public static String queued(String language, int ahead, int estimatedMinutes, Absence absence) {
        if (isEnglish(language)) {
            String place = placeEn(ahead);
            if (absence == Absence.NONE) {
                return "Connecting you to a human agent. " + place + "; the estimated wait is about "
                        + minutes(estimatedMinutes, true) + ". Please wait.";
            }
            String why = absence == Absence.OUTSIDE_HOURS ? "It is outside our agents' working hours"
                    : "No agent is online right now";
            return "Connecting you to a human agent. " + place + ". " + why
                    + "; you can leave a message here and an agent will get back to you as soon as possible.";
        }
        String place = placeZh(ahead);
        if (absence == Absence.NONE) {
            return "正在为您转接人工客服，" + place + "，预计等待约 " + minutes(estimatedMinutes, false) + "，请稍候。";
        }
        String why = absence == Absence.OUTSIDE_HOURS ? "现在是非工作时间" : "当前暂无客服在线";
        return "正在为您转接人工客服，" + place + "。" + why + "，您可以直接留言，客服上线后会尽快回复您。";
    }

    private static String placeEn(int ahead) {
        return ahead == 0 ? "You are next in line" : ahead == 1 ? "There is 1 customer ahead of you"
                : "There are " + ahead + " customers ahead of you";
    }

    private static String placeZh(int ahead) {
        return ahead == 0 ? "您是下一位" : "您前面还有 " + ahead + " 位客户";
    }

    /** The customer moved up the queue. */
    public static String moved(String language, int ahead, int estimatedMinutes) {
        if (isEnglish(language)) {
            return placeEn(ahead) + "; the estimated wait is about " + minutes(estimatedMinutes, true) + ".";
        }
        return placeZh(ahead) + "，预计等待约 " + minutes(estimatedMinutes, false) + "。";
    }

    /** An agent has taken the conversation. */
    public static String agentJoined(String language, String agentName) {
        return isEnglish(language) ? "Agent " + agentName + " is now with you."
                : "客服 " + agentName + " 为您服务，请问有什么可以帮您？";
    }

    /** Their agent had to leave; they are back at the front of the queue. */
    public static String requeued(String language) {
        return isEnglish(language) ? "Your agent had to leave. You are back at the front of the queue; please wait."
                : "您的客服暂时离开，已为您重新排在队首，请稍候。";
    }

    /** The conversation moved to another agent or group. */
    public static String transferred(String language) {
        return isEnglish(language) ? "Transferring you to a colleague who can help better; please wait."
                : "正在为您转接更合适的客服，请稍候。";
    }

    static String minutes(int minutes, boolean english) {
        int m = Math.max(1, minutes);
        return english ? (m == 1 ? "1 minute" : m + " minutes") : m + " 分钟";
    }

    public static boolean isEnglish(String language) {
        if (language == null) {
            return false;
        }
        String lower = language.toLowerCase(Locale.ROOT);
        return lower.equals("en") || lower.startsWith("en-") || lower.startsWith("en_");
    }
}
