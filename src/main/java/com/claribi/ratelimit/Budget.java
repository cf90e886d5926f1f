package com.claribi.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One kind of budget (say, 100 requests a minute per API key): a token bucket per key, full at first, refilled
 * greedily (evenly, token by token) over the period. Shared through Redis when it is configured and reachable,
 * otherwise held in this process.
 */
final class Budget {

    private final String name;
    private final long capacity;
    private final Duration period;
    private final BucketConfiguration configuration;
    private final String sharedPrefix;
    private final @Nullable SharedBudgets shared;
    /** The budget without Redis, and each process's own budget while Redis is unreachable. */
    private final Cache<String, Bucket> local;

    private final Runnable refused;

    Budget(String name, long capacity, Duration period, @Nullable SharedBudgets shared, Runnable refused) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(
                    "A budget needs a positive capacity and period: " + name + " " + capacity + " per " + period);
        }
        this.name = name;
        this.capacity = capacity;
        this.period = period;
        this.shared = shared;
        this.refused = refused;
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
        // The capacity and period are part of the key: processes configured differently never share a bucket.
        this.sharedPrefix = "claribi:budget:" + name + ":" + capacity + "/" + period.toSeconds() + "s:";
        // A bucket untouched for a whole period is full again: forgetting it changes nothing.
        this.local = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterAccess(period)
                .build();
    }

    public String name() {
        return name;
    }

    public long capacity() {
        return capacity;
    }

    public Duration period() {
        return period;
    }

    /** Counts a request this budget refused ({@code claribi.rate.limit.refusals}): its user got a 429. */
    void refused() {
        refused.run();
    }

    /** Takes one token from {@code key}'s bucket if it has one; the answer says what is left either way. */
    public Admission take(String key) {
        SharedBudgets store = shared;
        if (store != null) {
            Bucket remote = store.bucket(sharedPrefix + key, this);
            if (remote != null) {
                try {
                    return new Admission(remote.tryConsumeAndReturnRemaining(1), remote);
                } catch (RuntimeException e) {
                    store.failed(e);
                }
            }
            store.countFallback();
        }
        Bucket bucket = local.getIfPresent(key);
        if (bucket == null) {
            bucket = local.get(
                    key,
                    k -> Bucket.builder()
                            .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                            .build());
        }
        return new Admission(bucket.tryConsumeAndReturnRemaining(1), bucket);
    }

    BucketConfiguration configuration() {
        return configuration;
    }

    static byte[] redisKey(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
