package io.lingxi.handoff.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {

    @Test
    void aDayRangeCoversItsStartButNotItsEnd() {
        assertThat(WorkingHours.covers("09:00-18:00", "UTC", Instant.parse("2026-11-24T09:00:00Z"))).isTrue();
        assertThat(WorkingHours.covers("09:00-18:00", "UTC", Instant.parse("2026-11-24T17:59:00Z"))).isTrue();
        assertThat(WorkingHours.covers("09:00-18:00", "UTC", Instant.parse("2026-11-24T18:00:00Z"))).isFalse();
        assertThat(WorkingHours.covers("09:00-18:00", "UTC", Instant.parse("2026-11-24T08:59:00Z"))).isFalse();
        assertThat(WorkingHours.covers("00:00-24:00", "UTC", Instant.parse("2026-11-24T23:59:00Z"))).isTrue();
    }

    @Test
    void hoursAreReadInTheAgentsTimeZone() {
        // 02:00 UTC is 10:00 in Shanghai and 21:00 (the day before) in New York
        Instant at = Instant.parse("2026-11-24T02:00:00Z");
        assertThat(WorkingHours.covers("09:00-18:00", "Asia/Shanghai", at)).isTrue();
        assertThat(WorkingHours.covers("09:00-18:00", "America/New_York", at)).isFalse();
        assertThat(WorkingHours.covers("09:00-18:00", "UTC", at)).isFalse();
    }

    @Test
    void aRangePastMidnightWraps() {
        assertThat(WorkingHours.covers("22:00-06:00", "UTC", Instant.parse("2026-11-24T23:30:00Z"))).isTrue();
        assertThat(WorkingHours.covers("22:00-06:00", "UTC", Instant.parse("2026-11-24T03:00:00Z"))).isTrue();
        assertThat(WorkingHours.covers("22:00-06:00", "UTC", Instant.parse("2026-11-24T06:00:00Z"))).isFalse();
        assertThat(WorkingHours.covers("22:00-06:00", "UTC", Instant.parse("2026-11-24T12:00:00Z"))).isFalse();
    }

    @Test
    void blankHoursMeanAlwaysAndMalformedOnesAreRefused() {
        assertThat(WorkingHours.covers(null, "UTC", Instant.parse("2026-11-24T03:00:00Z"))).isTrue();
        assertThat(WorkingHours.covers(" ", "UTC", Instant.parse("2026-11-24T03:00:00Z"))).isTrue();
        assertThat(WorkingHours.valid("09:00-18:00")).isTrue();
        assertThat(WorkingHours.valid(null)).isTrue();
        assertThat(WorkingHours.valid("9-18")).isFalse();
        assertThat(WorkingHours.valid("25:00-26:00")).isFalse();
        assertThat(WorkingHours.valid("09:00-18:00,20:00-22:00")).isFalse();
        assertThat(WorkingHours.validZone("Asia/Shanghai")).isTrue();
        assertThat(WorkingHours.validZone("Mars/Olympus")).isFalse();
        assertThat(WorkingHours.validZone(null)).isFalse();
    }
}
