package io.lingxi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentilesAreNearestRank() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = (100 - i) * 1000L; // 1..100 ms in µs, unsorted
        }
        Stats stats = Stats.of(values);
        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50()).isEqualTo(50_000);
        assertThat(stats.p95()).isEqualTo(95_000);
        assertThat(stats.p99()).isEqualTo(99_000);
        assertThat(stats.max()).isEqualTo(100_000);
        assertThat(stats.min()).isEqualTo(1_000);
        assertThat(stats.millis()).containsEntry("p99", 99.0).containsEntry("mean", 50.5);
    }

    @Test
    void aSingleValueIsEveryPercentileAndNoValuesGiveZeros() {
        assertThat(Stats.of(new long[] {7_250})).extracting(Stats::p50, Stats::p99, Stats::max)
                .containsExactly(7_250L, 7_250L, 7_250L);
        assertThat(Stats.of(new long[0])).isEqualTo(Stats.EMPTY);
        assertThat(Stats.of(new long[0]).millis()).containsEntry("count", 0L);
    }
}
