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
    private static final Runnable NOTHING = () -> {};

    private final boolean admitted;
    private final long remaining;
    private final long nanosToWaitForRefill;
    private final long nanosToReset;
    private final Runnable giveBack;

    /**
     * {@code nanosToWaitForRefill} until a token is due (ignored when admitted), {@code nanosToReset} until the budget is
     * full again; {@code giveBack} returns an admitted request's token to where it came from.
     */
    Admission(boolean admitted, long remaining, long nanosToWaitForRefill, long nanosToReset, Runnable giveBack) {
        this.admitted = admitted;
        this.remaining = Math.max(0, remaining);
        this.nanosToWaitForRefill = admitted ? 0 : nanosToWaitForRefill;
        this.nanosToReset = nanosToReset;
        this.giveBack = admitted ? giveBack : NOTHING;
    }

    /** Bucket4j's answer for one token of {@code bucket} (in this process or in Redis). */
    static Admission of(ConsumptionProbe probe, Bucket bucket) {
        return new Admission(
                probe.isConsumed(),
                probe.getRemainingTokens(),
                probe.getNanosToWaitForRefill(),
                probe.getNanosToWaitForReset(),
                () -> addToken(bucket));
    }

    public boolean admitted() {
        return admitted;
    }

    public long remaining() {
        return remaining;
    }

    /**
     * Whole seconds after which a request is admitted (at least 1): rounded up, so a client that waits exactly this
     * long finds a token.
     */
    public long retryAfterSeconds() {
        return Math.max(1, seconds(nanosToWaitForRefill));
    }

    public long nanosToWait() {
        return admitted ? 0 : Math.max(1, nanosToWaitForRefill);
    }

    /** Whole seconds until the budget is full again (0 when it is full). */
    public long resetSeconds() {
        return seconds(nanosToReset);
    }

    /** Returns the token this admission took (to the store it came from: shared, leased or in-process). */
    public void giveBack() {
        giveBack.run();
    }

    private static void addToken(Bucket bucket) {
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
