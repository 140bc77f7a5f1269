package io.lingxi.nlu.domain;

import io.lingxi.contracts.events.Entity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the entities a customer-service conversation needs, with offsets into the original text: tracking
 * numbers, order numbers (tenant pattern), ID-card numbers (checksum validated), phone numbers, e-mail, money
 * and dates. Full-width digits and letters are matched like half-width ones without moving offsets. Where two
 * matches overlap, the more specific type (listed first) wins. Thread-safe.
 */
public final class EntityExtractor {

    public static final String ORDER_NUMBER = "order_number";
    public static final String TRACKING_NUMBER = "tracking_number";
    public static final String ID_CARD = "id_card";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String MONEY = "money";
    public static final String DATE = "date";

    /** The demo tenant's order numbers: one or two letters and 8–12 digits, e.g. A2024112401. */
    public static final String DEFAULT_ORDER_PATTERN = "[A-Za-z]{1,2}\\d{8,12}";

    private static final Pattern TRACKING = Pattern.compile(
            "(?<![A-Za-z0-9])(?:SF\\d{12,13}|YT\\d{13}|JDV?[A-Z0-9]{10,15}|ZTO\\d{12}|EMS\\d{9,13}|[A-Z]{2}\\d{9}[A-Z]{2}"
                    + "|1Z[A-Z0-9]{16})(?![A-Za-z0-9])");
    private static final Pattern TRACKING_BY_CONTEXT = Pattern.compile(
            "(?:运单号|快递单号|物流单号|单号|tracking(?: number| no\\.?| #)?)\\s*[:：是为]?\\s*(\\d{10,15})(?!\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ID_CARD_PATTERN = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9])(?:(?:\\+|00)?86[- ]?)?(1[3-9]\\d)[- ]?(\\d{4})[- ]?(\\d{4})(?![0-9])");
    private static final Pattern LANDLINE = Pattern.compile(
            "(?<![0-9])(?:\\(0(\\d{2,3})\\)|0(\\d{2,3}))[- ]?([2-9]\\d{6,7})(?![0-9])");
    private static final Pattern EMAIL_PATTERN = Pattern.compile(
            "(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final String AMOUNT = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)";
    private static final Pattern MONEY_BEFORE = Pattern.compile(
            "(¥|￥|RMB|CNY|USD|US\\$|\\$|人民币|美元)\\s?" + AMOUNT, Pattern.CASE_INSENSITIVE);
    private static final Pattern MONEY_AFTER = Pattern.compile(
            "(?<![\\d.])" + AMOUNT + "\\s?(元|块钱|块|圆|rmb|cny|usd|dollars?|美元|美金|bucks)(?![A-Za-z])",
            Pattern.CASE_INSENSITIVE);

    private final String orderPattern;
    private final Pattern orderNumber;
    private final DateFinder dates = new DateFinder();

    public EntityExtractor() {
        this(DEFAULT_ORDER_PATTERN);
    }

    /** @param orderNumberPattern the tenant's order-number regex, matched as a whole token */
    public EntityExtractor(String orderNumberPattern) {
        this.orderPattern = orderNumberPattern;
        this.orderNumber = Pattern.compile("(?<![A-Za-z0-9])(?:" + orderNumberPattern + ")(?![A-Za-z0-9])");
    }

    /** The tenant's order-number regex as given. */
    public String orderPattern() {
        return orderPattern;
    }

    /** @param today the reference date for relative dates ("明天", "next Monday") */
    public List<Entity> extract(String text, LocalDate today) {
        String shadow = halfWidth(text);
        List<Entity> found = new ArrayList<>();
        find(TRACKING, shadow, text, found, m -> new Entity(TRACKING_NUMBER, m.group().toUpperCase(Locale.ROOT),
                text.substring(m.start(), m.end()), m.start(), m.end()));
        Matcher context = TRACKING_BY_CONTEXT.matcher(shadow);
        while (context.find()) {
            add(found, new Entity(TRACKING_NUMBER, context.group(1), text.substring(context.start(1), context.end(1)),
                    context.start(1), context.end(1)));
        }
        find(ID_CARD_PATTERN, shadow, text, found, m -> validIdCard(m.group())
                ? new Entity(ID_CARD, m.group().toUpperCase(Locale.ROOT), text.substring(m.start(), m.end()),
                        m.start(), m.end())
                : null);
        find(orderNumber, shadow, text, found, m -> new Entity(ORDER_NUMBER, m.group().toUpperCase(Locale.ROOT),
                text.substring(m.start(), m.end()), m.start(), m.end()));
        find(EMAIL_PATTERN, shadow, text, found, m -> new Entity(EMAIL, m.group().toLowerCase(Locale.ROOT),
                text.substring(m.start(), m.end()), m.start(), m.end()));
        find(MOBILE, shadow, text, found, m -> new Entity(PHONE, m.group(1) + m.group(2) + m.group(3),
                text.substring(m.start(), m.end()), m.start(), m.end()));
        find(LANDLINE, shadow, text, found, m -> new Entity(PHONE,
                "0" + (m.group(1) != null ? m.group(1) : m.group(2)) + "-" + m.group(3),
                text.substring(m.start(), m.end()), m.start(), m.end()));
        find(MONEY_BEFORE, shadow, text, found, m -> new Entity(MONEY,
                money(m.group(2), currency(m.group(1))), text.substring(m.start(), m.end()), m.start(), m.end()));
        find(MONEY_AFTER, shadow, text, found, m -> new Entity(MONEY,
                money(m.group(1), currency(m.group(2))), text.substring(m.start(), m.end()), m.start(), m.end()));
        for (DateFinder.Match date : dates.find(shadow, today)) {
            add(found, new Entity(DATE, date.value(), text.substring(date.start(), date.end()), date.start(),
                    date.end()));
        }
        found.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(found);
    }

    private interface Builder {
        Entity build(Matcher m);
    }

    private static void find(Pattern pattern, String shadow, String text, List<Entity> found, Builder builder) {
        Matcher m = pattern.matcher(shadow);
        while (m.find()) {
            Entity entity = builder.build(m);
            if (entity != null) {
                add(found, entity);
            }
        }
    }

    /** Keeps the first entity found for any stretch of text: finders run from the most specific type down. */
    private static void add(List<Entity> found, Entity candidate) {
        for (Entity existing : found) {
            if (candidate.start() < existing.end() && existing.start() < candidate.end()) {
                return;
            }
        }
        found.add(candidate);
    }

    static String currency(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        return u.contains("$") || u.startsWith("usd") || u.startsWith("dollar") || u.equals("美元") || u.equals("美金")
                || u.equals("bucks") ? "USD" : "CNY";
    }

    static String money(String amount, String currency) {
        return new BigDecimal(amount.replace(",", "")).setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + currency;
    }

    /** GB 11643: the 18th character is a checksum over the first 17 digits. */
    static boolean validIdCard(String id) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String checks = "10X98765432";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * weights[i];
        }
        return Character.toUpperCase(id.charAt(17)) == checks.charAt(sum % 11);
    }

    /** Full-width ASCII to half-width, one char for one char, so offsets stay those of the original. */
    static String halfWidth(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= '\uFF01' && c <= '\uFF5E') {
                chars[i] = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }
}
