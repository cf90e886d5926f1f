package com.claribi.ratelimit;

import java.time.Duration;

/**
 * How many tokens one process takes from a shared budget in one round trip (a lease): what it expects to spend in the
 * next {@link #HORIZON} at its recent rate, never more than a {@link #SHARE}th of what the budget has left, a
 * {@link #CAPACITY_SHARE}nd of the whole budget, or {@link #MAX}. A lease under {@link #MIN} tokens is not worth
 * holding: the process then takes one token per request from Redis, exactly, as it does for a budget's last 15 tokens
 * whatever the rate. So what a process can still hold when the others run out is small: its lease, a 32nd of the
 * budget at most (3 of 100), plus the quarter of the previous one it had left when it fetched it, until it is spent or
 * given back ({@link #LIFETIME}).
 */
final class LeaseSizing {

    /** How far ahead a lease covers at the key's recent rate in this process. */
    static final Duration HORIZON = Duration.ofMillis(250);

    /**
     * How long leased tokens may wait to be spent; then they are given back to Redis, and a key unused for this long is
     * forgotten (what its lease held given back too).
     */
    static final Duration LIFETIME = Duration.ofSeconds(1);

    /**
     * A lease takes at most this fraction of what is left: room for about four processes drawing at once, each taking
     * at most half of its fair share, so that tokens one process holds rarely starve another.
     */
    static final long SHARE = 8;

    /** The largest lease as a fraction of the budget: bounds what one process can hold when the others run out. */
    static final long CAPACITY_SHARE = 32;

    /** The largest lease, whatever the rate and budget. */
    static final long MAX = 10_000;

    /** The smallest lease worth a round trip; below it, one token per request straight from Redis. */
    static final long MIN = 2;

    private LeaseSizing() {}

    /**
     * The size of the next lease of a budget of {@code capacity}, given what the shared bucket had left at the last
     * answer from Redis and how many requests this process saw for the key over the last {@link #HORIZON}; 1 means one
     * token at a time, no lease.
     */
    static long size(long capacity, long remaining, long recentDemand) {
        long size = Math.min(Math.min(recentDemand, remaining / SHARE), Math.min(capacity / CAPACITY_SHARE, MAX));
        return size < MIN ? 1 : size;
    }
}
