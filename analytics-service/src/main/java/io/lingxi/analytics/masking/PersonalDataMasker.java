package io.lingxi.analytics.masking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and masks personal data in free text (Chinese and English): phone numbers, ID-card numbers, bank cards,
 * e-mail addresses, postal addresses and names after a cue. Pure and thread-safe.
 *
 * <p>Every pattern is bounded by "not a letter or digit" on both sides, so order numbers such as
 * {@code A2024112401}, tracking numbers, prices and dates are not mistaken for phone or card numbers; numbers that
 * carry a check digit (ID cards, bank cards) are only masked when the check passes.
 */
public final class PersonalDataMasker {

    private static final String NOT_ALNUM_BEFORE = "(?<![0-9A-Za-z])";
    private static final String NOT_ALNUM_AFTER = "(?![0-9A-Za-z])";

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![A-Za-z0-9])");
    private static final Pattern ID_CARD = Pattern.compile(NOT_ALNUM_BEFORE
            + "[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]" + NOT_ALNUM_AFTER);
    private static final Pattern BANK_CARD = Pattern.compile(NOT_ALNUM_BEFORE
            + "(?:\\d{4}(?:[ -]?\\d{4}){3}(?:[ -]?\\d{1,3})?|\\d{16,19})(?![0-9A-Za-z]|[ -]\\d)");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9A-Za-z+])(?:(?:\\+|00)86[ -]?)?"
            + "1[3-9]\\d(?:[ -]?\\d{4}){2}" + NOT_ALNUM_AFTER);
    private static final Pattern LANDLINE = Pattern.compile(NOT_ALNUM_BEFORE
            + "(?:\\(0\\d{2,3}\\)|（0\\d{2,3}）|0\\d{2,3})[ -]?[1-9]\\d{2,3}[ -]?\\d{4}(?:(?:-|转)\\d{1,5})?" + NOT_ALNUM_AFTER);
    private static final Pattern INTERNATIONAL = Pattern.compile("(?<![0-9A-Za-z+])(?:\\+|00)[1-9]\\d{0,2}[ -]?"
            + "(?:\\(\\d{1,4}\\)[ -]?)?\\d{1,4}(?:[ -]?\\d{2,4}){1,4}" + NOT_ALNUM_AFTER);
    private static final Pattern NORTH_AMERICAN = Pattern.compile(NOT_ALNUM_BEFORE
            + "(?:\\(\\d{3}\\) ?|(?!400|800)\\d{3}[-.])\\d{3}[-.]\\d{4}(?![0-9A-Za-z]|[-.]\\d)");

    /** Han characters that may be part of a place name: not the particles and verbs that usually precede one. */
    private static final String PLACE_CHAR = "[\\u4e00-\\u9fa5&&[^在住是到址的寄送我于往从给为请帮你他她：，。、；]]";
    private static final String PROVINCE = "(?:北京|天津|上海|重庆)市?|(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东"
            + "|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾)省?|(?:内蒙古|广西|西藏|宁夏|新疆)(?:自治区|壮族自治区"
            + "|回族自治区|维吾尔自治区)?|(?:香港|澳门)(?:特别行政区)?";
    private static final String CN_NUMBER = "[0-9０-９一二三四五六七八九十百零]+";
    private static final Pattern CHINESE_ADDRESS = Pattern.compile(
            "(?<admin>(?<province>" + PROVINCE + ")?(?<city>" + PLACE_CHAR + "{1,6}?(?:市|州|盟))?"
            + "(?<district>" + PLACE_CHAR + "{1,6}?(?:区|县|旗))?(?:" + PLACE_CHAR + "{1,6}?(?:镇|乡|街道))?)"
            + "(?<street>" + PLACE_CHAR + "{1,10}?(?:大道|大街|街道|路|街|巷|弄|胡同))"
            + "(?<number>(?:[东西南北中一二三四五六七八九十0-9]{1,2}段)?" + CN_NUMBER + "号(?:院)?)?"
            + "(?:" + PLACE_CHAR + "{2,8}?(?:小区|大厦|花园|公寓|广场|中心|家园|苑))?"
            + "(?:[0-9A-Za-z一二三四五六七八九十]+(?:号楼|栋|幢|座|单元|层|楼|室|号|房)|[0-9]+(?:-[0-9]+)+)*");
    /** The last characters of every street word of {@link #CHINESE_ADDRESS}. */
    private static final String STREET_CHARS = "道街路巷弄同";
    private static final Pattern ENGLISH_ADDRESS = Pattern.compile(
            "\\b\\d{1,6}\\s+(?:[A-Z][a-z]+\\.?\\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr"
            + "|Way|Court|Ct|Place|Pl|Terrace|Highway|Hwy)\\b\\.?(?:,?\\s*(?:Apt|Apartment|Suite|Unit|#)\\.?\\s*[0-9A-Za-z]+)?");

    /** Cues after which what follows is a name, whatever its first character. */
    private static final Pattern STRONG_NAME_CUE = Pattern.compile(
            "(?:我叫|我的名字是|我的名字叫|名字叫|本人姓名[:：是]?|姓名[:：是为]?|联系人[:：是为]?|收件人[:：是为]?|收货人[:：是为]?)\\s*");
    /** A weaker cue: 我是 is followed by a name only when a surname comes next. */
    private static final Pattern WEAK_NAME_CUE = Pattern.compile("(?:我是|本人是|这里是|我姓)\\s*");
    private static final Pattern ENGLISH_NAME = Pattern.compile(
            "(?i:\\bmy name is|\\bmy name's|\\bi am called|\\bcall me|\\bname:)\\s+(?<strong>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
            + "|(?i:\\bi'm|\\bi am|\\bthis is)\\s+(?<weak>[A-Z][a-z]+[ -][A-Z][a-z]+)");
    private static final Set<String> NOT_ENGLISH_NAMES = Set.of("Customer", "Service", "Order", "Support", "The", "Your",
            "Our", "Not", "Very", "So", "Really", "Happy", "Sorry", "Here", "From", "Still", "Just", "Waiting", "Calling");

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
            + "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final Set<String> COMPOUND_SURNAMES = Set.of("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙",
            "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯");
    /** Characters that end a name: particles, verbs and punctuation that follow one in a sentence. */
    private static final String NAME_STOP = "的了呢吧啊吗呀哦哈是在想要来去和与跟给把被对就也都还有没不请帮问，。！？、；：,.!?;: \t\n";
    private static final Set<String> HONORIFICS = Set.of("先生", "女士", "小姐");
    /** Words that start with a surname character but are not names (我是高级会员, 我是万能的…). */
    private static final List<String> NOT_NAMES = List.of("高级", "万能", "老", "新", "江湖", "金牌", "钱包", "方便", "石头",
            "白金", "黄金", "马上", "许多", "周末", "程序", "段时间", "毛病", "常", "陆续", "宋体", "田园", "孔");

    /** Words shortly before a long digit string that make it an order or tracking number, not a card. */
    private static final Pattern REFERENCE_CONTEXT = Pattern.compile(
            "(?:订单|单号|运单|快递|物流|编号|order|tracking|ref)[^\\d]{0,6}$", Pattern.CASE_INSENSITIVE);

    /** Which kind wins when two overlap: an e-mail address may contain a phone number, not the other way round. */
    private static final List<PersonalDataKind> PRIORITY = List.of(PersonalDataKind.EMAIL, PersonalDataKind.ID_CARD,
            PersonalDataKind.BANK_CARD, PersonalDataKind.PHONE, PersonalDataKind.ADDRESS, PersonalDataKind.NAME);

    private static final int[] ID_WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final String ID_CHECK = "10X98765432";

    /** Masks what {@code policy} asks for in {@code text}; null stays null. */
    public MaskedText mask(String text, MaskingPolicy policy) {
        if (text == null || text.isEmpty()) {
            return new MaskedText(text, List.of());
        }
        List<Finding> findings = find(text).stream().filter(f -> policy.kinds().contains(f.kind())).toList();
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding finding : findings) {
            out.append(text, at, finding.start());
            String value = text.substring(finding.start(), finding.end());
            out.append(policy.style() == MaskStyle.TAG ? finding.kind().tag : partial(finding.kind(), value));
            at = finding.end();
        }
        out.append(text, at, text.length());
        return new MaskedText(out.toString(), findings);
    }

    /** Every piece of personal data in {@code text}, in order, without overlaps (the more specific kind wins). */
    public List<Finding> find(String text) {
        List<Finding> candidates = new ArrayList<>();
        addAll(candidates, EMAIL, text, PersonalDataKind.EMAIL);
        Matcher id = ID_CARD.matcher(text);
        while (id.find()) {
            if (validIdCard(id.group())) {
                candidates.add(new Finding(PersonalDataKind.ID_CARD, id.start(), id.end()));
            }
        }
        Matcher card = BANK_CARD.matcher(text);
        while (card.find()) {
            String digits = card.group().replaceAll("[ -]", "");
            if (plausibleCardPrefix(digits) && luhn(digits) && !isReference(text, card.start())) {
                candidates.add(new Finding(PersonalDataKind.BANK_CARD, card.start(), card.end()));
            }
        }
        addAll(candidates, MOBILE, text, PersonalDataKind.PHONE);
        addAll(candidates, LANDLINE, text, PersonalDataKind.PHONE);
        Matcher international = INTERNATIONAL.matcher(text);
        while (international.find()) {
            long digits = international.group().chars().filter(Character::isDigit).count();
            if (digits >= 8 && digits <= 15) {
                candidates.add(new Finding(PersonalDataKind.PHONE, international.start(), international.end()));
            }
        }
        addAll(candidates, NORTH_AMERICAN, text, PersonalDataKind.PHONE);
        // the address pattern is the costly one: only run it where a street word could end a match
        Matcher address = CHINESE_ADDRESS.matcher(hasAny(text, STREET_CHARS) ? text : "");
        while (address.find()) {
            boolean hasAdmin = !address.group("admin").isEmpty();
            boolean hasNumber = address.group("number") != null;
            if (hasAdmin || hasNumber) {
                candidates.add(new Finding(PersonalDataKind.ADDRESS, address.start(), address.end()));
            }
        }
        addAll(candidates, ENGLISH_ADDRESS, text, PersonalDataKind.ADDRESS);
        findChineseNames(text, candidates);
        Matcher english = ENGLISH_NAME.matcher(text);
        while (english.find()) {
            String group = english.group("strong") != null ? "strong" : "weak";
            String name = english.group(group);
            if (!NOT_ENGLISH_NAMES.contains(name.split("[ -]")[0])
                    && (group.equals("strong") || !NOT_ENGLISH_NAMES.contains(name.split("[ -]")[1]))) {
                candidates.add(new Finding(PersonalDataKind.NAME, english.start(group), english.end(group)));
            }
        }
        return withoutOverlaps(candidates);
    }

    private static boolean hasAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static void addAll(List<Finding> into, Pattern pattern, String text, PersonalDataKind kind) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(new Finding(kind, matcher.start(), matcher.end()));
        }
    }

    private static void findChineseNames(String text, List<Finding> into) {
        Matcher strong = STRONG_NAME_CUE.matcher(text);
        while (strong.find()) {
            int end = nameEnd(text, strong.end(), false);
            if (end - strong.end() >= 2) {
                into.add(new Finding(PersonalDataKind.NAME, strong.end(), end));
            }
        }
        Matcher weak = WEAK_NAME_CUE.matcher(text);
        while (weak.find()) {
            int start = weak.end();
            boolean surnameOnly = weak.group().startsWith("我姓");
            if (start >= text.length() || !startsWithSurname(text, start) || startsWithNonName(text, start)) {
                continue;
            }
            int end = surnameOnly ? start + surnameLength(text, start) : nameEnd(text, start, true);
            if (end - start >= (surnameOnly ? 1 : 2)) {
                into.add(new Finding(PersonalDataKind.NAME, start, end));
            }
        }
    }

    /** Where a Chinese name starting at {@code start} ends: at most three characters (four with a compound surname). */
    private static int nameEnd(String text, int start, boolean afterSurname) {
        int surname = afterSurname ? surnameLength(text, start) : 0;
        for (String honorific : HONORIFICS) {
            int s = start + Math.max(surname, 1);
            if (text.startsWith(honorific, s)) {
                return s + honorific.length();
            }
        }
        int max = Math.min(text.length(), start + (surname == 2 ? 4 : 3));
        int end = start + surname;
        while (end < max) {
            char c = text.charAt(end);
            if (c < '\u4e00' || c > '\u9fa5' || NAME_STOP.indexOf(c) >= 0) {
                break;
            }
            end++;
        }
        return end;
    }

    private static boolean startsWithSurname(String text, int at) {
        return surnameLength(text, at) > 0;
    }

    private static int surnameLength(String text, int at) {
        if (at + 2 <= text.length() && COMPOUND_SURNAMES.contains(text.substring(at, at + 2))) {
            return 2;
        }
        return SURNAMES.indexOf(text.charAt(at)) >= 0 ? 1 : 0;
    }

    private static boolean startsWithNonName(String text, int at) {
        for (String word : NOT_NAMES) {
            if (text.startsWith(word, at)) {
                return true;
            }
        }
        return false;
    }

    private static List<Finding> withoutOverlaps(List<Finding> candidates) {
        // more specific kinds first, then the longer match
        List<Finding> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingInt((Finding f) -> PRIORITY.indexOf(f.kind()))
                .thenComparing(Comparator.comparingInt((Finding f) -> f.end() - f.start()).reversed()));
        List<Finding> kept = new ArrayList<>();
        for (Finding candidate : ranked) {
            if (kept.stream().noneMatch(k -> k.start() < candidate.end() && candidate.start() < k.end())) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return List.copyOf(kept);
    }

    static boolean validIdCard(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return Character.toUpperCase(id.charAt(17)) == ID_CHECK.charAt(sum % 11);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Issuer prefixes of cards in use (Visa, Mastercard, UnionPay, JCB, Discover, Chinese domestic debit). */
    private static boolean plausibleCardPrefix(String digits) {
        char first = digits.charAt(0);
        int two = Integer.parseInt(digits.substring(0, 2));
        return first == '4' || first == '6' || first == '9' || (two >= 51 && two <= 55) || (two >= 22 && two <= 27)
                || two == 35;
    }

    private static boolean isReference(String text, int start) {
        return REFERENCE_CONTEXT.matcher(text.substring(Math.max(0, start - 12), start)).find();
    }

    private static String partial(PersonalDataKind kind, String value) {
        String digits = value.replaceAll("[^0-9Xx]", "");
        return switch (kind) {
            case PHONE -> {
                String national = digits.length() == 13 && digits.startsWith("86") ? digits.substring(2) : digits;
                yield (value.startsWith("+") || value.startsWith("00") ? "+" : "")
                        + national.substring(0, 3) + "****" + national.substring(national.length() - 4);
            }
            case ID_CARD -> digits.substring(0, 3) + "*".repeat(11) + digits.substring(14).toUpperCase(Locale.ROOT);
            case BANK_CARD -> digits.substring(0, 4) + " **** **** " + digits.substring(digits.length() - 4);
            case EMAIL -> value.charAt(0) + "***" + value.substring(value.indexOf('@'));
            case ADDRESS -> {
                Matcher address = CHINESE_ADDRESS.matcher(value);
                String keep = "";
                if (address.matches()) {
                    keep = (address.group("province") == null ? "" : address.group("province"))
                            + (address.group("city") == null ? "" : address.group("city"));
                }
                yield keep + "****";
            }
            case NAME -> value.charAt(0) + "*".repeat(Math.max(1, value.length() - 1));
        };
    }
}
