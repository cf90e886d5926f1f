package com.claribi.ratelimit;

import java.time.Duration;

/**
 * How many tokens one process takes from a shared budget in one round trip (a lease): what it expects to spend in the
 * next {@link #HORIZON} at its recent rate, never more than a {@link #SHARE}th of what the budget has left nor more
 * than {@link #MAX}; a lease of fewer than {@link #MIN} tokens is not worth holding, and the process takes one token per
 * request from Redis instead. So a budget's last sixteen tokens always go one at a time, exactly, and a process that
 * stops using a key strands at most one lease until it expires ({@link #LIFETIME}).
 */
final class LeaseSizing {

    /** How far ahead a lease covers at the key's recent rate in this process. */
    static final Duration HORIZON = Duration.ofMillis(250);

    /** How long leased tokens may wait to be spent; then they are dropped (they stay taken from the shared budget). */
    static final Duration LIFETIME = Duration.ofSeconds(1);

    /**
     * A lease takes at most this fraction of what is left: room for about four processes drawing at once, each taking
     * at most half of its fair share, so that tokens one process holds rarely starve another.
     */
    static final long SHARE = 8;

    /** The largest lease, whatever the rate and budget: bounds what one process can strand. */
    static final long MAX = 10_000;

    /** The smallest lease worth a round trip; below it, one token per request straight from Redis. */
    static final long MIN = 2;

    private LeaseSizing() {}

    /**
     * The size of the next lease given what the shared budget had left at the last answer from Redis and how many
     * requests this process saw for the key over the last {@link #HORIZON}; 1 means one token at a time, no lease.
     */
    static long size(long remaining, long recentDemand) {
        long size = Math.min(Math.min(recentDemand, remaining / SHARE), MAX);
        return size < MIN ? 1 : size;
    }
}
