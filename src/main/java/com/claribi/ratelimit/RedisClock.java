package com.claribi.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The clock every process uses for shared buckets: Redis's {@code TIME}, read every few seconds, carried forward by
 * this process's monotonic clock. Bucket4j's compare-and-swap computes refill on the client, so with each process's
 * own wall clock a process whose clock runs ahead would refill tokens early; with one reference clock all processes
 * agree to within half a round trip, and no check pays an extra round trip for the time.
 */
final class RedisClock implements TimeMeter {

    private volatile long offsetNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    @Override
    public long currentTimeNanos() {
        return System.nanoTime() + offsetNanos;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }

    /** Reads Redis's clock; the reading is taken to belong to the middle of the round trip. */
    void synchronize(RedisCommands<byte[], byte[]> redis) {
        long before = System.nanoTime();
        List<byte[]> time = redis.time();
        long after = System.nanoTime();
        long seconds = Long.parseLong(new String(time.get(0), StandardCharsets.US_ASCII));
        long micros = Long.parseLong(new String(time.get(1), StandardCharsets.US_ASCII));
        offsetNanos = seconds * 1_000_000_000L + micros * 1_000L - (before + (after - before) / 2);
    }
}
