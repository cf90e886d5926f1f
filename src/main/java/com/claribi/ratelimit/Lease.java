package com.claribi.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One key's share of a leased budget in this process: tokens taken from the shared bucket in Redis ahead of need and
 * spent here without a round trip, what Redis said was left at its last answer, the key's recent demand here (which
 * sizes the next lease, {@link LeaseSizing}) and the lease being fetched, if any. Every method is short, holds this
 * object's lock and never touches Redis: {@link #next} tells the caller what to do ({@link Step}), and the caller
 * reports Redis's answer ({@link #answered}, {@link #fetched}). So many request threads share one key's lease, at most
 * one fetch per key is in flight, and while it is the others go on spending what is left. Tokens a lease has not spent
 * within {@link LeaseSizing#LIFETIME}, or still holds when it is forgotten, are set aside once for the caller to give
 * back to Redis ({@link #takeUnspent}): never both spent and given back, and fewer by as many as the bucket can have
 * refilled while they were held. (Had they stayed in the bucket, a bucket refilled to its capacity meanwhile would
 * have lost that refill; giving all of them back would let it hold more than it could have.)
 *
 * <p>Times are {@link System#nanoTime} readings, passed in so that the bookkeeping can be tested without a clock.
 */
final class Lease {

    private static final long HORIZON = LeaseSizing.HORIZON.toNanos();
    private static final long LIFETIME = LeaseSizing.LIFETIME.toNanos();
    private static final long LONG_AGO = java.time.Duration.ofDays(1).toNanos();
    private static final Step ONE_AT_A_TIME = new OneAtATime();

    /** What a request does next, as {@link #next} decides. */
    sealed interface Step {}

    /**
     * Admitted with a token of the lease. {@code remaining} is the budget's figure: what the shared bucket had left at
     * Redis's last answer plus what this lease still holds (exact with one process; with several, their leases and
     * their spending since then are not seen). A {@code fetch} is the next lease, which the caller starts fetching
     * and does not wait for.
     */
    record Spent(long remaining, @Nullable Fetch fetch) implements Step {}

    /**
     * Refused without asking Redis: its last answer, less than {@link LeaseSizing#LIFETIME} ago, was a refusal, and no
     * token is due before {@code nanosToWait} (unless another process gives some back).
     */
    record Refused(long nanosToWait, long nanosToReset) implements Step {}

    /** Ask Redis for one token: the figures are unknown, or what is left is too little for a lease. */
    record OneAtATime() implements Step {}

    /** The lease is spent and the next one is on its way: wait for {@code fetched}, then ask again. */
    record Await(CompletableFuture<Void> fetched) implements Step {}

    /**
     * The lease is spent: fetch one of {@code size} tokens, report Redis's answer with this step ({@link #fetched},
     * {@link #notFetched}), wait for {@code fetched}, then ask again. {@code startedAt} is when it was asked for.
     */
    record Fetch(long size, long startedAt, CompletableFuture<Void> fetched) implements Step {}

    private final long capacity;
    /** The budget's refill: tokens per nanosecond. */
    private final double refillPerNano;
    /** Tokens taken out of the lease (expired, or the lease forgotten), to be given back to Redis. */
    private final AtomicLong unspent = new AtomicLong();

    private long tokens;
    private long leasedAt;
    /** Since when the lease has held tokens without ever being spent down to none: the oldest token's age. */
    private long heldSince;

    /** The size of the last lease: the next one is fetched once a quarter of it is left. */
    private long lastSize;
    /** What the shared bucket had left at Redis's last answer; -1 before the first answer. */
    private long sharedRemaining = -1;
    /** Redis's last answer was a refusal: no token is due before this instant. */
    private long emptyUntil;
    /** Until then a request is refused here; after it Redis is asked again, in case tokens were given back. */
    private long refuseUntil;

    private long fullAt;
    /** The fetch in flight: cleared only by its own answer or failure, so there is never more than one. */
    private @Nullable Fetch fetching;

    private boolean forgotten;

    // Requests seen in the current and the previous slot of HORIZON: a sliding-window count of the recent demand.
    private long slotStart;
    private long current;
    private long previous;

    /** The lease of one key of a budget of {@code capacity} per {@code periodNanos}. */
    Lease(long now, long capacity, long periodNanos) {
        this.capacity = capacity;
        this.refillPerNano = (double) capacity / periodNanos;
        this.slotStart = now;
        // Long before now: a request that began before another thread made this lease (its clock reading is older)
        // must not find it refusing.
        this.emptyUntil = now - LONG_AGO;
        this.refuseUntil = now - LONG_AGO;
        this.fullAt = now - LONG_AGO;
    }

    /** What the request does next; {@code newRequest} is false when the same request asks again after a wait. */
    synchronized Step next(long now, boolean newRequest) {
        if (newRequest) {
            roll(now);
            current++;
        }
        if (forgotten) {
            // Only a request that found the lease as it was being forgotten: it goes to Redis.
            return ONE_AT_A_TIME;
        }
        if (tokens > 0 && now - leasedAt >= LIFETIME) {
            drop(now);
        }
        if (tokens > 0) {
            tokens--;
            Fetch fetch = null;
            if (fetching == null && tokens * 4 <= lastSize) {
                long size = LeaseSizing.size(capacity, sharedRemaining, demand(now));
                if (size > 1) {
                    fetch = new Fetch(size, now, new CompletableFuture<>());
                    fetching = fetch;
                }
            }
            return new Spent(sharedRemaining + tokens, fetch);
        }
        if (now - refuseUntil < 0) {
            return new Refused(emptyUntil - now, Math.max(0, fullAt - now));
        }
        if (fetching != null) {
            return new Await(fetching.fetched());
        }
        long size = sharedRemaining < 0 ? 1 : LeaseSizing.size(capacity, sharedRemaining, demand(now));
        if (size <= 1) {
            return ONE_AT_A_TIME;
        }
        Fetch fetch = new Fetch(size, now, new CompletableFuture<>());
        fetching = fetch;
        return fetch;
    }

    /** Redis's answer to a request for one token ({@link OneAtATime}). */
    synchronized void answered(ConsumptionProbe probe, long now) {
        sharedRemaining = Math.max(0, probe.getRemainingTokens());
        if (!probe.isConsumed()) {
            emptyUntil = now + Math.max(1, probe.getNanosToWaitForRefill());
            refuseUntil = now + Math.min(Math.max(1, probe.getNanosToWaitForRefill()), LIFETIME);
            fullAt = now + probe.getNanosToWaitForReset();
        }
    }

    /**
     * Redis's answer to {@code fetch} ({@link Fetch}, or {@link Spent#fetch}): all of its tokens, or none when fewer
     * were left (the figure is then what was left, and the next request sizes its lease from it). Its waiters are
     * woken; it stops being the fetch in flight only if it still is one (an answer to a fetch given up on never ends
     * another).
     */
    void fetched(Fetch fetch, ConsumptionProbe probe, long now) {
        synchronized (this) {
            sharedRemaining = Math.max(0, probe.getRemainingTokens());
            if (probe.isConsumed() && forgotten) {
                unspent.addAndGet(returnable(fetch.size(), now - fetch.startedAt()));
            } else if (probe.isConsumed()) {
                if (tokens == 0) {
                    heldSince = fetch.startedAt();
                }
                tokens += fetch.size();
                leasedAt = now;
                lastSize = fetch.size();
            }
            if (fetching == fetch) {
                fetching = null;
            }
        }
        fetch.fetched().complete(null);
    }

    /** {@code fetch} failed (Redis failed, or it could not be sent): whoever waits for it asks again. */
    void notFetched(Fetch fetch) {
        synchronized (this) {
            if (fetching == fetch) {
                fetching = null;
            }
        }
        fetch.fetched().complete(null);
    }

    /**
     * A token spent from this lease turned out not to count: it goes back to the lease (to nowhere once the lease is
     * forgotten: safe, and too rare to be worth a round trip).
     */
    synchronized void giveBack() {
        if (!forgotten) {
            tokens++;
        }
    }

    /** The lease is forgotten (its key went unused): what it holds, or is still fetching, is set aside. */
    synchronized void forget(long now) {
        forgotten = true;
        drop(now);
    }

    /** Tokens set aside since the last call, for the caller to give back to Redis (0 mostly: one volatile read). */
    long takeUnspent() {
        return unspent.get() == 0 ? 0 : unspent.getAndSet(0);
    }

    private void drop(long now) {
        if (tokens > 0) {
            unspent.addAndGet(returnable(tokens, now - heldSince));
            tokens = 0;
        }
    }

    /** What can go back of {@code tokens} held for {@code heldNanos}: less what the bucket can have refilled since. */
    private long returnable(long tokens, long heldNanos) {
        return Math.max(0, tokens - (long) Math.ceil(refillPerNano * Math.max(0, heldNanos)));
    }

    /** Requests over the last HORIZON: the current slot's, plus the previous slot's for the part still in the window. */
    private long demand(long now) {
        roll(now);
        long elapsed = now - slotStart;
        return current + previous * (HORIZON - elapsed) / HORIZON;
    }

    private void roll(long now) {
        long since = now - slotStart;
        if (since >= 2 * HORIZON) {
            previous = 0;
            current = 0;
            slotStart = now;
        } else if (since >= HORIZON) {
            previous = current;
            current = 0;
            slotStart += HORIZON;
        }
    }
}
