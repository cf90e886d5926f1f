package com.claribi.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The answer of a {@link Budget} to one request: admitted or not, what is left, and when to come back. An admitted
 * request's token can be given back ({@link #giveBack}) when the request turns out not to count, as a correct password
 * does for the failed-login budgets.
 */
final class Admission {

    private static final long SECOND = 1_000_000_000L;

    private final ConsumptionProbe probe;
    private final Bucket bucket;

    Admission(ConsumptionProbe probe, Bucket bucket) {
        this.probe = probe;
        this.bucket = bucket;
    }

    public boolean admitted() {
        return probe.isConsumed();
    }

    public long remaining() {
        return Math.max(0, probe.getRemainingTokens());
    }

    /**
     * Whole seconds after which a request is admitted (at least 1): rounded up, so a client that waits exactly this
     * long finds a token.
     */
    public long retryAfterSeconds() {
        return Math.max(1, seconds(probe.getNanosToWaitForRefill()));
    }

    public long nanosToWait() {
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Whole seconds until the budget is full again (0 when it is full). */
    public long resetSeconds() {
        return seconds(probe.getNanosToWaitForReset());
    }

    /** Returns the token this admission took (to the store it came from, shared or in-process). */
    public void giveBack() {
        if (!probe.isConsumed()) {
            return;
        }
        try {
            bucket.addTokens(1);
        } catch (RuntimeException unreachable) {
            // Redis went away since the token was taken; the shared budget refills by itself.
        }
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + SECOND - 1) / SECOND;
    }
}
