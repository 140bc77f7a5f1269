package io.lingxi.nlu.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese and English date expressions, normalised to ISO dates relative to a reference date: 2026-03-05,
 * 3月5号, 今天/明天/后天/昨天, 下周三/这周五/星期天, 3天后, 上个月 (a month: {@code 2026-10}); "tomorrow",
 * "next Monday", "March 5", "5th of March", "last month". Weeks start on Monday.
 */
final class DateFinder {

    record Match(String value, int start, int end) {
    }

    private static final Pattern FULL = Pattern.compile(
            "(?<!\\d)(\\d{4})\\s?(?:[-/.]|年)\\s?(\\d{1,2})\\s?(?:[-/.]|月)\\s?(\\d{1,2})(?:日|号)?(?!\\d)");
    private static final Pattern MONTH_DAY_ZH = Pattern.compile("(?<!\\d)(\\d{1,2})\\s?月\\s?(\\d{1,2})\\s?(?:日|号)");
    private static final Pattern RELATIVE_DAYS_ZH = Pattern.compile("(?<!\\d)(\\d{1,3})\\s?天(以后|之后|后|以前|之前|前)");
    private static final Pattern DAY_WORD_ZH = Pattern.compile("大后天|大前天|今天|今日|明天|明日|后天|昨天|昨日|前天");
    private static final Pattern WEEKDAY_ZH = Pattern.compile("(下下|上上|下个|上个|下|上|这个|这|本)?(?:周|星期|礼拜)([一二三四五六日天1-7])");
    private static final Pattern MONTH_ZH = Pattern.compile("(上个|下个|这个|上|下|本)月");
    private static final String MONTHS = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final Pattern MONTH_DAY_EN = Pattern.compile(
            "\\b" + MONTHS + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DAY_MONTH_EN = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTHS + "\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DAY_WORD_EN = Pattern.compile(
            "\\b(the day after tomorrow|the day before yesterday|today|tomorrow|yesterday|tonight)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEKDAY_EN = Pattern.compile(
            "\\b(?:(next|last|this)\\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_EN = Pattern.compile("\\b(last|next|this)\\s+month\\b", Pattern.CASE_INSENSITIVE);

    private static final Map<String, Integer> DAY_WORDS = Map.ofEntries(Map.entry("今天", 0), Map.entry("今日", 0),
            Map.entry("明天", 1), Map.entry("明日", 1), Map.entry("后天", 2), Map.entry("大后天", 3),
            Map.entry("昨天", -1), Map.entry("昨日", -1), Map.entry("前天", -2), Map.entry("大前天", -3),
            Map.entry("today", 0), Map.entry("tonight", 0), Map.entry("tomorrow", 1), Map.entry("yesterday", -1),
            Map.entry("the day after tomorrow", 2), Map.entry("the day before yesterday", -2));

    List<Match> find(String text, LocalDate today) {
        List<Match> found = new ArrayList<>();
        scan(FULL, text, found, m -> date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
        scan(MONTH_DAY_ZH, text, found, m -> date(today.getYear(), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2))));
        scan(MONTH_DAY_EN, text, found, m -> date(today.getYear(), month(m.group(1)), Integer.parseInt(m.group(2))));
        scan(DAY_MONTH_EN, text, found, m -> date(today.getYear(), month(m.group(2)), Integer.parseInt(m.group(1))));
        scan(RELATIVE_DAYS_ZH, text, found, m -> {
            int days = Integer.parseInt(m.group(1));
            return today.plusDays(m.group(2).endsWith("后") ? days : -days).toString();
        });
        scan(WEEKDAY_ZH, text, found, m -> weekday(today, weekOffsetZh(m.group(1)), dayZh(m.group(2))));
        scan(WEEKDAY_EN, text, found, m -> {
            DayOfWeek day = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
            String which = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
            int offset = switch (which) {
                case "next" -> 1;
                case "last" -> -1;
                default -> 0;
            };
            return weekday(today, offset, day);
        });
        scan(MONTH_ZH, text, found, m -> {
            String which = m.group(1);
            int offset = which.startsWith("上") ? -1 : which.startsWith("下") ? 1 : 0;
            return YearMonth.from(today).plusMonths(offset).toString();
        });
        scan(MONTH_EN, text, found, m -> {
            String which = m.group(1).toLowerCase(Locale.ROOT);
            int offset = which.equals("last") ? -1 : which.equals("next") ? 1 : 0;
            return YearMonth.from(today).plusMonths(offset).toString();
        });
        scan(DAY_WORD_ZH, text, found, m -> today.plusDays(DAY_WORDS.get(m.group())).toString());
        scan(DAY_WORD_EN, text, found,
                m -> today.plusDays(DAY_WORDS.get(m.group(1).toLowerCase(Locale.ROOT))).toString());
        return found;
    }

    private interface Value {
        String of(Matcher m);
    }

    private static void scan(Pattern pattern, String text, List<Match> found, Value value) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String v = value.of(m);
            if (v == null) {
                continue;
            }
            boolean overlaps = false;
            for (Match existing : found) {
                if (m.start() < existing.end() && existing.start() < m.end()) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                found.add(new Match(v, m.start(), m.end()));
            }
        }
    }

    private static String date(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day).toString();
        } catch (DateTimeException e) {
            return null; // "2月30号" is not a date
        }
    }

    private static String weekday(LocalDate today, int weekOffset, DayOfWeek day) {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return monday.plusWeeks(weekOffset).plusDays(day.getValue() - 1L).toString();
    }

    private static int weekOffsetZh(String prefix) {
        if (prefix == null) {
            return 0;
        }
        return switch (prefix) {
            case "下下" -> 2;
            case "上上" -> -2;
            case "下", "下个" -> 1;
            case "上", "上个" -> -1;
            default -> 0;
        };
    }

    private static DayOfWeek dayZh(String day) {
        int index = "一二三四五六日".indexOf(day);
        if (day.equals("天")) {
            index = 6;
        } else if (index < 0) {
            index = Integer.parseInt(day) - 1;
        }
        return DayOfWeek.of(index + 1);
    }

    private static int month(String name) {
        String prefix = name.substring(0, 3).toLowerCase(Locale.ROOT);
        return List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
                .indexOf(prefix) + 1;
    }
}
