package io.lingxi.nlu.domain;

import io.lingxi.contracts.events.IntentScore;
import io.lingxi.contracts.events.MessageUnderstood;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The first, rule-based intent classifier of the walking skeleton: bilingual keyword rules in priority
 * order. A business intent beats a social one ("你好，我要退货" is a return, not a greeting). To be replaced
 * by the trained classifier; the output contract stays.
 */
public final class KeywordIntentClassifier {

    public static final String MODEL_VERSION = "keywords-1";

    /** One intent's cues: Chinese substrings and English words or phrases (matched on word boundaries). */
    private record Rule(String intent, boolean social, List<String> chinese, Pattern english) {

        static Rule of(String intent, boolean social, List<String> chinese, String... english) {
            String alternatives = String.join("|", english);
            return new Rule(intent, social, chinese, Pattern.compile("\\b(?:" + alternatives + ")\\b"));
        }

        int matches(String lower) {
            int count = 0;
            for (String cue : chinese) {
                if (lower.contains(cue)) {
                    count++;
                }
            }
            var matcher = english.matcher(lower);
            while (matcher.find()) {
                count++;
            }
            return count;
        }
    }

    private static final List<Rule> RULES = List.of(
            Rule.of("request_human", false, List.of("转人工", "人工客服", "人工服务", "找人工", "真人", "人工"),
                    "human", "agent", "real person", "representative", "operator"),
            Rule.of("complaint", false, List.of("投诉", "举报", "太差", "垃圾"),
                    "complain", "complaint", "terrible service", "ridiculous"),
            Rule.of("order_status", false, List.of("订单", "查单", "下的单"),
                    "order", "my order", "order status"),
            Rule.of("logistics", false, List.of("快递", "物流", "包裹", "发货", "到哪", "送到", "配送", "运费"),
                    "parcel", "package", "delivery", "deliver", "shipping", "ship", "tracking", "courier"),
            Rule.of("refund", false, List.of("退款", "退钱", "钱退"), "refund", "money back"),
            Rule.of("return_exchange", false, List.of("退货", "换货", "退换"), "return", "exchange"),
            Rule.of("invoice", false, List.of("发票", "开票"), "invoice", "receipt", "vat"),
            Rule.of("payment", false, List.of("支付", "付款", "付不了", "扣款"), "payment", "pay", "charged", "card"),
            Rule.of("account", false, List.of("密码", "账号", "账户", "登录", "登不上"), "password", "account", "log in", "login"),
            Rule.of("membership", false, List.of("会员", "积分"), "member", "membership", "points"),
            Rule.of("store_info", false, List.of("营业时间", "门店", "地址", "几点"), "opening hours", "store", "shop", "open"),
            Rule.of("greeting", true, List.of("你好", "您好", "在吗", "哈喽", "嗨", "早上好", "晚上好"),
                    "hi", "hello", "hey", "good morning", "good evening"),
            Rule.of("thanks", true, List.of("谢谢", "感谢", "多谢", "谢啦"), "thanks", "thank you", "thank", "thx"),
            Rule.of("goodbye", true, List.of("再见", "拜拜", "回头见"), "bye", "goodbye", "see you"));

    public List<IntentScore> rank(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<IntentScore> ranking = new ArrayList<>();
        boolean business = false;
        for (Rule rule : RULES) {
            int matches = rule.matches(lower);
            if (matches > 0) {
                business |= !rule.social();
                double confidence = Math.min(0.95, 0.7 + 0.1 * matches) - (rule.social() && business ? 0.4 : 0);
                ranking.add(new IntentScore(rule.intent(), confidence));
            }
        }
        if (ranking.isEmpty()) {
            return List.of(new IntentScore(MessageUnderstood.FALLBACK_INTENT, 1.0));
        }
        ranking.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        return List.copyOf(ranking);
    }
}
