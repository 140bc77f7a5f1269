package io.lingxi.handoff.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Working hours {@code HH:mm-HH:mm} in a time zone, every day; a range past midnight (22:00-06:00) wraps. */
public final class WorkingHours {

    private static final Pattern RANGE = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-4]):([0-5]\\d)");

    private WorkingHours() {
    }

    /** Whether {@code hours} is null/blank (any time) or a well-formed range. */
    public static boolean valid(String hours) {
        return hours == null || hours.isBlank() || RANGE.matcher(hours.strip()).matches();
    }

    public static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException | NullPointerException e) {
            return false;
        }
    }

    /** Whether {@code now} lies within {@code hours} in {@code zone}; blank hours mean always. */
    public static boolean covers(String hours, String zone, Instant now) {
        if (hours == null || hours.isBlank()) {
            return true;
        }
        Matcher m = RANGE.matcher(hours.strip());
        if (!m.matches()) {
            return true;
        }
        int from = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        int to = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
        LocalTime local = now.atZone(ZoneId.of(zone)).toLocalTime();
        int t = local.getHour() * 60 + local.getMinute();
        return from <= to ? t >= from && t < to : t >= from || t < to;
    }
}
