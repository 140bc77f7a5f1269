package io.lingxi.bench;

import java.time.Instant;

/** Wall-clock time in µs since the epoch (to compare with Kafka record timestamps), beside System.nanoTime. */
final class Clock {

    private Clock() {
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
