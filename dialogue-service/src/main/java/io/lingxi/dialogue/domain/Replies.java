package io.lingxi.dialogue.domain;

import io.lingxi.contracts.events.KnowledgeHit;
import io.lingxi.contracts.events.MessageUnderstood;
import io.lingxi.contracts.events.QuickReply;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** What the bot says, in Chinese (the default) and English. */
public final class Replies {

    public static final String CHINESE = "zh";
    public static final String ENGLISH = "en";

    private Replies() {
    }

    /** The language to answer in: English when the customer wrote English, Chinese otherwise. */
    public static String replyLanguage(String detected) {
        return ENGLISH.equals(detected) ? ENGLISH : CHINESE;
    }

    /**
     * The language to answer a message in. A message that is nothing but its entities (an order number, a phone
     * number) or whose language NLU could not tell keeps the conversation's language: "A2024112401" typed into a
     * Chinese conversation gets a Chinese answer.
     */
    public static String languageFor(String conversationLanguage, MessageUnderstood message) {
        if (conversationLanguage == null) {
            return replyLanguage(message.language());
        }
        if ("other".equals(message.language()) || onlyEntities(message)) {
            return conversationLanguage;
        }
        return replyLanguage(message.language());
    }

    private static boolean onlyEntities(MessageUnderstood message) {
        StringBuilder rest = new StringBuilder(message.text());
        if (message.entities() != null) {
            message.entities().stream()
                    .filter(e -> e.start() >= 0 && e.end() <= rest.length() && e.start() < e.end())
                    .sorted((a, b) -> Integer.compare(b.start(), a.start()))
                    .forEach(e -> rest.replace(e.start(), e.end(), " "));
        }
        return rest.codePoints().noneMatch(Character::isLetter);
    }

    public static BotReply greeting(String language) {
        return english(language)
                ? new BotReply("Hello! I'm Lingxi, your customer-service assistant. How can I help you today?",
                        List.of(new QuickReply("Track my order", "Where is my order?"),
                                new QuickReply("Returns and refunds", "How do I return an item?"),
                                new QuickReply("Talk to an agent", "agent")))
                : new BotReply("您好！我是灵犀智能客服，请问有什么可以帮您？",
                        List.of(new QuickReply("查订单", "我想查订单"), new QuickReply("退货退款", "怎么退货"),
                                new QuickReply("转人工", "转人工")));
    }

    public static BotReply thanks(String language) {
        return english(language)
                ? new BotReply("You're welcome! Is there anything else I can help you with?", List.of())
                : new BotReply("不客气，很高兴能帮到您！还有其他问题吗？", List.of());
    }

    public static BotReply goodbye(String language) {
        return english(language)
                ? new BotReply("Thank you for contacting us. Have a great day, goodbye!", List.of())
                : new BotReply("感谢您的咨询，祝您生活愉快，再见！", List.of());
    }

    public static BotReply answer(KnowledgeHit hit) {
        return new BotReply(hit.answer(), List.of());
    }

    public static BotReply suggestions(String language, List<KnowledgeHit> hits) {
        List<KnowledgeHit> top = hits.stream().limit(3).toList();
        String list = String.join("\n", IntStream.range(0, top.size())
                .mapToObj(i -> (i + 1) + ". " + top.get(i).question()).toList());
        List<QuickReply> buttons = top.stream().map(h -> new QuickReply(h.question(), h.question())).toList();
        return english(language)
                ? new BotReply("Did you mean:\n" + list, buttons)
                : new BotReply("您是不是想问：\n" + list, buttons);
    }

    /** Intents a customer can be asked to choose from: label and a message that means it, per language. */
    private static final Map<String, List<String>> CHOICES = Map.ofEntries(
            Map.entry("order_status", List.of("查订单", "我想查订单", "Track an order", "Where is my order?")),
            Map.entry("logistics", List.of("查物流", "我的快递到哪了", "Track a parcel", "Where is my parcel?")),
            Map.entry("refund", List.of("退款", "我想退款", "Refunds", "I want a refund")),
            Map.entry("return_exchange", List.of("退换货", "怎么退货", "Returns", "How do I return an item?")),
            Map.entry("invoice", List.of("开发票", "怎么开发票", "Invoices", "How do I get an invoice?")),
            Map.entry("payment", List.of("支付问题", "支付失败怎么办", "Payment", "My payment failed")),
            Map.entry("account", List.of("账号密码", "忘记密码怎么办", "Account", "I forgot my password")),
            Map.entry("cancel_order", List.of("取消订单", "我要取消订单", "Cancel an order", "I want to cancel my order")),
            Map.entry("membership", List.of("会员积分", "会员积分怎么用", "Membership", "How do membership points work?")),
            Map.entry("request_human", List.of("转人工", "转人工", "Talk to an agent", "agent")));

    /**
     * Asks which of NLU's runners-up the customer meant, or null when none of them is a known choice.
     */
    public static BotReply clarify(String language, List<String> candidates) {
        List<QuickReply> buttons = candidates.stream().filter(CHOICES::containsKey).distinct().limit(3)
                .map(intent -> {
                    List<String> choice = CHOICES.get(intent);
                    return english(language) ? new QuickReply(choice.get(2), choice.get(3))
                            : new QuickReply(choice.get(0), choice.get(1));
                }).toList();
        if (buttons.isEmpty()) {
            return null;
        }
        return english(language)
                ? new BotReply("I'm not sure I understood. Did you mean one of these?", buttons)
                : new BotReply("抱歉，我不太确定您的意思，您是想咨询以下哪类问题？", buttons);
    }

    /** A knowledge answer on a topic where customers often want a person: offer one. */
    public static BotReply answerWithHumanOffer(KnowledgeHit hit, String language) {
        return new BotReply(hit.answer(), List.of(english(language)
                ? new QuickReply("Talk to an agent", "agent") : new QuickReply("转人工", "转人工")));
    }

    public static BotReply notUnderstood(String language) {
        return english(language)
                ? new BotReply("Sorry, I can't answer that yet. Could you put it another way? You can also type "
                        + "\"agent\" to talk to a person.", List.of(new QuickReply("Talk to an agent", "agent")))
                : new BotReply("抱歉，这个问题我暂时还回答不了。您可以换个说法，或输入“转人工”联系人工客服。",
                        List.of(new QuickReply("转人工", "转人工")));
    }

    public static BotReply survey(String language) {
        return english(language)
                ? new BotReply("This conversation has ended. How satisfied were you with our service?",
                        List.of(new QuickReply("Satisfied", "satisfied"), new QuickReply("Neutral", "neutral"),
                                new QuickReply("Unsatisfied", "unsatisfied")))
                : new BotReply("本次服务已结束，请您对我们的服务进行评价：",
                        List.of(new QuickReply("满意", "满意"), new QuickReply("一般", "一般"),
                                new QuickReply("不满意", "不满意")));
    }

    public static BotReply thanksForRating(String language) {
        return english(language) ? new BotReply("Thank you for your feedback!", List.of())
                : new BotReply("感谢您的评价，祝您生活愉快！", List.of());
    }

    public static BotReply backWithTheBot(String language) {
        return english(language)
                ? new BotReply("You're back with Lingxi, the customer-service assistant. How else can I help?", List.of())
                : new BotReply("您好，人工客服已结束服务，接下来由灵犀智能客服继续为您服务，请问还有什么可以帮您？", List.of());
    }

    public static BotReply handingOver(String language) {
        return english(language)
                ? new BotReply("Sorry I couldn't help with that. Let me connect you to a human agent.", List.of())
                : new BotReply("抱歉没能帮您解决，正在为您转接人工客服。", List.of());
    }

    /** A VIP goes to a human at once (or at the first question the bot cannot answer). */
    public static BotReply vipHandover(String language) {
        return english(language)
                ? new BotReply("As one of our valued members, you're being connected to a human agent right away. "
                        + "One moment please.", List.of())
                : new BotReply("尊敬的会员您好，正在为您优先转接人工客服，请稍候。", List.of());
    }

    /** After answering a question that interrupted a flow: shall we go on with the flow? */
    public static BotReply resumeOffer(String language) {
        return english(language)
                ? new BotReply("We hadn't finished what we started earlier. Shall we continue?",
                        List.of(new QuickReply("Continue", "continue"), new QuickReply("No thanks", "no thanks")))
                : new BotReply("刚才的事情还没有办完，需要继续吗？",
                        List.of(new QuickReply("继续", "继续"), new QuickReply("不用了", "不用了")));
    }

    /** The score a survey answer means: 1 to 5, or null when the text is no survey answer. */
    public static Integer surveyScore(String text) {
        String answer = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (answer) {
            case "5", "满意", "非常满意", "satisfied", "very satisfied" -> 5;
            case "4", "比较满意", "fairly satisfied" -> 4;
            case "3", "一般", "neutral", "okay" -> 3;
            case "2", "不太满意", "not very satisfied" -> 2;
            case "1", "不满意", "非常不满意", "unsatisfied", "dissatisfied", "very unsatisfied" -> 1;
            default -> null;
        };
    }

    private static boolean english(String language) {
        return ENGLISH.equals(language);
    }
}
