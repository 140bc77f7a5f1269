package io.lingxi.analytics.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A half-open time range {@code [from, to)} from the query parameters {@code from} and {@code to}: dates
 * ({@code 2026-11-24}, a whole UTC day, {@code to} inclusive) or RFC 3339 instants. Defaults: the last 7 days.
 */
public record DateRange(Instant from, Instant to) {

    private static final Duration LONGEST = Duration.ofDays(366);

    public static DateRange parse(String from, String to) {
        Instant end = to == null || to.isBlank() ? Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS)
                : instant(to, "to", true);
        Instant start = from == null || from.isBlank() ? end.minus(7, ChronoUnit.DAYS) : instant(from, "from", false);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("'from' must be before 'to'.");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw ProblemException.badRequest("Ask for at most 366 days at a time.");
        }
        return new DateRange(start, end);
    }

    private static Instant instant(String value, String name, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + name + "' must be a date such as 2026-11-24 or an instant such as "
                    + "2026-11-24T10:00:00Z.");
        }
    }
}
