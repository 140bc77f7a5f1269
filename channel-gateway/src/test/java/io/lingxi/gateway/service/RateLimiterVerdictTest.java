package io.lingxi.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sliding-window arithmetic: allowed or not, and the Retry-After that is honest about it. */
class RateLimiterVerdictTest {

    @Test
    void withinTheLimitIsAllowed() {
        assertThat(RateLimiter.verdict(5, 0, 5, 10)).isZero();
        // last minute's 10 requests weigh half at 30 s: 5 + 5 ≤ 10
        assertThat(RateLimiter.verdict(10, 10, 5, 30)).isZero();
    }

    @Test
    void overTheLimitWaitsUntilEnoughOfLastMinuteHasSlidOut() {
        // limit 10, last minute 10, this minute 6 (with this request) at 30 s: 5 + 6 > 10;
        // fits once 10 × (1 − t/60) + 6 ≤ 10, t ≥ 36 s, i.e. 6 s from now
        assertThat(RateLimiter.verdict(10, 10, 6, 30)).isEqualTo(6);
    }

    @Test
    void aFullWindowWaitsIntoTheNextOne() {
        // limit 2, nothing before, third request at 10 s: the next window starts in 50 s, and there the two
        // weigh 2 × (1 − e/60) + 1 ≤ 2 from e = 30 s: 80 s in all
        assertThat(RateLimiter.verdict(2, 0, 3, 10)).isEqualTo(80);
        assertThat(RateLimiter.verdict(1, 0, 2, 59.5)).isEqualTo(61);
    }

    @Test
    void theWaitIsAtLeastOneSecond() {
        // 10 × (1 − 59.9/60) + 10 is just over 10; a tenth of a second later it fits: answered as 1 s
        assertThat(RateLimiter.verdict(10, 10, 10, 59.9)).isEqualTo(1);
    }
}
