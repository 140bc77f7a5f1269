package io.lingxi.nlu.names;

import java.util.ArrayList;
import java.util.List;

/**
 * Annotated sentences written for the tests, in OpenNLP's inline form: customer-service templates × product and
 * city names, Chinese and English. The training part and the held-out part share no name, and the held-out
 * sentences also use templates the training never saw, so a test on them measures what the model learned.
 */
public final class NameExamples {

    static final List<String> ZH_PRODUCTS = List.of("小米14", "华为Mate60", "荣耀X50", "戴森吹风机", "九阳豆浆机",
            "美的空调", "格力电风扇", "vivo X100", "苹果手表", "索尼耳机", "佳能相机", "大疆无人机");
    static final List<String> ZH_CITIES = List.of("北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安");
    static final List<String> ZH_PRODUCT_TEMPLATES = List.of("我想买{p}", "{p}有货吗", "请问{p}多少钱",
            "我的{p}坏了怎么办", "{p}什么时候发货", "帮我查一下{p}的价格", "{p}可以退货吗", "我上周买的{p}屏幕碎了",
            "你们的{p}还有优惠吗", "刚收到的{p}不能开机");
    static final List<String> ZH_CITY_TEMPLATES = List.of("寄到{c}要几天", "{c}有门店吗", "我在{c}，能送货上门吗",
            "从{c}发货吗", "{c}的仓库什么时候发");
    static final List<String> ZH_MIXED_TEMPLATES = List.of("{p}能寄到{c}吗", "我在{c}买的{p}坏了");
    static final List<String> ZH_PLAIN = List.of("你好", "谢谢你的帮助", "我要退款", "订单怎么还没到", "转人工客服",
            "好的没问题", "发票怎么开", "我要投诉");

    static final List<String> EN_PRODUCTS = List.of("AirPods Pro", "Galaxy S24", "Kindle Paperwhite", "Pixel 8",
            "MacBook Air", "Apple Watch", "Surface Laptop", "PlayStation 5", "Echo Dot", "iPad Mini", "Fitbit Charge",
            "Switch OLED");
    static final List<String> EN_CITIES = List.of("London", "Boston", "Chicago", "Seattle", "Denver", "Dallas",
            "Toronto", "Sydney");
    static final List<String> EN_PRODUCT_TEMPLATES = List.of("my {p} is broken", "I want to buy a {p}",
            "is the {p} in stock", "how much is the {p}", "can I return my {p}", "when will the {p} ship",
            "the {p} I ordered last week does not turn on", "do you have a discount on the {p}",
            "I need a charger for my {p}", "please check the price of the {p}");
    static final List<String> EN_CITY_TEMPLATES = List.of("how long does shipping to {c} take",
            "do you have a store in {c}", "I live in {c}, can you deliver", "do you ship from {c}",
            "is the {c} warehouse open");
    static final List<String> EN_MIXED_TEMPLATES = List.of("can you ship the {p} to {c}",
            "I bought a {p} in {c} and it broke");
    static final List<String> EN_PLAIN = List.of("hello", "thanks for your help", "I want a refund",
            "where is my order", "talk to a human", "ok that works", "how do I get an invoice", "I want to complain");

    // held out: names and templates the model never saw
    static final List<String> ZH_NEW_PRODUCTS = List.of("联想小新笔记本", "海尔冰箱", "一加12", "红米K70", "飞利浦剃须刀");
    static final List<String> ZH_NEW_CITIES = List.of("南京", "重庆", "苏州", "长沙");
    static final List<String> ZH_NEW_TEMPLATES = List.of("麻烦问下{p}有现货吗", "{p}坏了可以保修吗",
            "我想把{p}寄到{c}");
    static final List<String> EN_NEW_PRODUCTS = List.of("Galaxy Buds", "Kobo Clara", "Steam Deck", "Pixel Watch",
            "Xbox Series X");
    static final List<String> EN_NEW_CITIES = List.of("Austin", "Portland", "Miami", "Phoenix");
    static final List<String> EN_NEW_TEMPLATES = List.of("is the {p} still in stock", "my new {p} is broken",
            "can I get the {p} delivered to {c}");

    private NameExamples() {
    }

    /** Training sentences, inline form: every template with several names (about 150 per language). */
    public static List<String> training(boolean chinese) {
        List<String> products = chinese ? ZH_PRODUCTS : EN_PRODUCTS;
        List<String> cities = chinese ? ZH_CITIES : EN_CITIES;
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String template : chinese ? ZH_PRODUCT_TEMPLATES : EN_PRODUCT_TEMPLATES) {
            for (int k = 0; k < 6; k++) {
                out.add(fill(template, products.get(n++ % products.size()), null, chinese));
            }
        }
        for (String template : chinese ? ZH_CITY_TEMPLATES : EN_CITY_TEMPLATES) {
            for (int k = 0; k < 5; k++) {
                out.add(fill(template, null, cities.get(n++ % cities.size()), chinese));
            }
        }
        for (String template : chinese ? ZH_MIXED_TEMPLATES : EN_MIXED_TEMPLATES) {
            for (int k = 0; k < 6; k++) {
                out.add(fill(template, products.get(n % products.size()), cities.get(n++ % cities.size()), chinese));
            }
        }
        out.addAll(chinese ? ZH_PLAIN : EN_PLAIN);
        return out;
    }

    /** Held-out sentences (plain text) with the names they hold, as {text, type, name, type, name}. */
    public static List<String[]> heldOut(boolean chinese) {
        List<String> products = chinese ? ZH_NEW_PRODUCTS : EN_NEW_PRODUCTS;
        List<String> cities = chinese ? ZH_NEW_CITIES : EN_NEW_CITIES;
        List<String> productTemplates = new ArrayList<>(chinese ? ZH_PRODUCT_TEMPLATES : EN_PRODUCT_TEMPLATES);
        List<String> cityTemplates = new ArrayList<>(chinese ? ZH_CITY_TEMPLATES : EN_CITY_TEMPLATES);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            String template = productTemplates.get((i * 3) % productTemplates.size());
            out.add(new String[] {plain(template, products.get(i), null), "product", products.get(i)});
        }
        for (int i = 0; i < cities.size(); i++) {
            String template = cityTemplates.get(i % cityTemplates.size());
            out.add(new String[] {plain(template, null, cities.get(i)), "city", cities.get(i)});
        }
        List<String> newTemplates = chinese ? ZH_NEW_TEMPLATES : EN_NEW_TEMPLATES;
        for (int i = 0; i < products.size(); i++) {
            String template = newTemplates.get(i % newTemplates.size());
            String city = cities.get(i % cities.size());
            out.add(template.contains("{c}")
                    ? new String[] {plain(template, products.get(i), city), "product", products.get(i), "city", city}
                    : new String[] {plain(template, products.get(i), null), "product", products.get(i)});
        }
        return out;
    }

    private static String fill(String template, String product, String city, boolean chinese) {
        String t = template;
        if (product != null) {
            t = t.replace("{p}", "<START:product> " + product + " <END>");
        }
        if (city != null) {
            t = t.replace("{c}", "<START:city> " + city + " <END>");
        }
        return t;
    }

    private static String plain(String template, String product, String city) {
        return template.replace("{p}", product == null ? "" : product).replace("{c}", city == null ? "" : city);
    }
}
