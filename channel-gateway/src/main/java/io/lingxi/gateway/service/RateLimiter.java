package io.lingxi.gateway.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-minute rate limits that hold across replicas: counters in PostgreSQL, one row per key and minute window,
 * incremented by one atomic upsert per request (one round trip for all the keys of a request). A request is let
 * through when the sliding-window estimate — this minute's count plus last minute's count weighted by the share
 * of last minute still inside the sliding 60 s — stays within the limit. A refused request gives its counts back,
 * so refusals (and one customer's flood) do not eat into anyone's allowance. Times come from the database clock,
 * so replicas agree on the windows.
 */
@ApplicationScoped
public class RateLimiter {

    static final int WINDOW_SECONDS = 60;

    private static final String TAKE = """
            INSERT INTO rate_counter AS r (key, window_start, count)
            SELECT k, floor(extract(epoch FROM now()) / 60)::bigint, 1 FROM unnest($1::varchar[]) AS k
            ON CONFLICT (key, window_start) DO UPDATE SET count = r.count + 1
            RETURNING r.key, r.window_start, r.count, extract(epoch FROM now())::float8 AS now,
              (SELECT p.count FROM rate_counter p WHERE p.key = r.key AND p.window_start = r.window_start - 1)
                AS previous""";
    private static final String GIVE_BACK = """
            UPDATE rate_counter SET count = count - 1 WHERE key = ANY($1::varchar[]) AND window_start = $2""";

    /** One limit of a request: the counter's key and how many requests a minute it allows. */
    public record Limit(String key, int perMinute) {
    }

    /** Why a request was refused: the limit it broke and how long to wait before trying again. */
    public record Refusal(Limit limit, long retryAfterSeconds) {
    }

    private final Pool pool;

    @Inject
    public RateLimiter(Pool pool) {
        this.pool = pool;
    }

    /**
     * Counts one request against every limit; answers null when all allow it, else the first one that does not
     * (and then the request is not counted).
     */
    public Uni<Refusal> acquire(Limit... limits) {
        String[] keys = new String[limits.length];
        for (int i = 0; i < limits.length; i++) {
            keys[i] = limits[i].key();
        }
        return pool.preparedQuery(TAKE).execute(Tuple.of(keys)).flatMap(rows -> {
            List<Row> counted = new ArrayList<>();
            rows.forEach(counted::add);
            Refusal refusal = null;
            long window = 0;
            for (Limit limit : limits) {
                Row row = counted.stream().filter(r -> r.getString("key").equals(limit.key())).findFirst()
                        .orElseThrow();
                window = row.getLong("window_start");
                double elapsed = row.getDouble("now") - window * (double) WINDOW_SECONDS;
                Integer previous = row.getInteger("previous");
                long wait = verdict(limit.perMinute(), previous == null ? 0 : previous, row.getInteger("count"),
                        elapsed);
                if (wait > 0) {
                    refusal = new Refusal(limit, wait);
                    break;
                }
            }
            if (refusal == null) {
                return Uni.createFrom().nullItem();
            }
            Refusal refused = refusal;
            return pool.preparedQuery(GIVE_BACK).execute(Tuple.of(keys, window)).replaceWith(refused);
        });
    }

    /**
     * 0 when the request that made this window's count {@code count} is within {@code limit}, else the whole
     * seconds until a request would be: the estimate is {@code previous × (1 − elapsed/60) + count}.
     */
    static long verdict(int limit, int previous, int count, double elapsed) {
        double w = WINDOW_SECONDS;
        double estimate = previous * Math.max(0, 1 - elapsed / w) + count;
        if (estimate <= limit) {
            return 0;
        }
        // the request is given back: count − 1 stay, and the next one adds 1
        double wait;
        if (count <= limit && previous > 0) {
            // within this window, once enough of last minute has slid out
            wait = w * (1 - (double) (limit - count) / previous) - elapsed;
        } else {
            // this window's own count is too high: wait for the next window, where it weighs less and less
            double ownShare = count - 1 <= limit - 1 ? 0 : w * (1 - (double) (limit - 1) / (count - 1));
            wait = (w - elapsed) + ownShare;
        }
        return Math.max(1, (long) Math.ceil(wait));
    }

    /** Drops windows no estimate needs any more; any replica may do it, repeats are harmless. */
    @Scheduled(every = "60s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldWindows() {
        return pool.preparedQuery("DELETE FROM rate_counter WHERE window_start < floor(extract(epoch FROM now()) / 60)::bigint - 1")
                .execute()
                .onFailure().invoke(e -> Log.warnf("Could not drop old rate-limit windows: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
