package io.lingxi.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles of a set of values (nearest rank), in the unit they were given. */
public record Stats(long count, double mean, long p50, long p95, long p99, long max, long min) {

    public static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0, 0);

    public static Stats of(long[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Stats(sorted.length, sum / sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted[sorted.length - 1], sorted[0]);
    }

    /** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
    static long rank(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The figures in milliseconds (values given in µs), for the report. */
    public Map<String, Object> millis() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", count);
        out.put("mean", ms(Math.round(mean)));
        out.put("p50", ms(p50));
        out.put("p95", ms(p95));
        out.put("p99", ms(p99));
        out.put("max", ms(max));
        return out;
    }

    static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
