package io.lingxi.gateway.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets per channel and per customer of a channel: a bucket holds a minute's allowance and refills
 * continuously. Kept in memory, so the limits hold per replica.
 */
@ApplicationScoped
public class RateLimiter {

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one token from {@code key}'s bucket; answers 0 when allowed, else the seconds to wait. */
    public long acquire(String key, int perMinute) {
        return buckets.computeIfAbsent(key, k -> new Bucket()).take(perMinute, System.nanoTime());
    }

    /** Gives back a token taken for a request that was refused by another limit. */
    public void release(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.giveBack();
        }
    }

    /** Forgets buckets that are full again, so idle customers cost no memory. */
    @Scheduled(every = "60s", delayed = "60s")
    void forgetIdle() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(entry -> entry.getValue().idleSince(now, 120));
    }

    static final class Bucket {
        private double tokens = Double.NaN;
        private long at;
        private int capacity;

        synchronized long take(int perMinute, long now) {
            if (Double.isNaN(tokens) || capacity != perMinute) {
                tokens = Double.isNaN(tokens) ? perMinute : Math.min(tokens, perMinute);
                capacity = perMinute;
                at = now;
            }
            double perNano = perMinute / 60e9;
            tokens = Math.min(capacity, tokens + (now - at) * perNano);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }

        synchronized void giveBack() {
            tokens = Math.min(capacity, tokens + 1);
        }

        synchronized boolean idleSince(long now, long seconds) {
            return now - at > seconds * 1_000_000_000L;
        }
    }
}
