package com.claribi.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One kind of budget (say, 100 requests a minute per API key): a token bucket per key, full at first, refilled
 * greedily (evenly, token by token) over the period. Shared through Redis when it is configured and reachable,
 * otherwise held in this process. With Redis, an exact budget asks Redis for every token; a leased one takes tokens
 * from Redis in leases and spends them here ({@link Lease}, {@link LeaseSizing}).
 */
final class Budget {

    /** How often one request may find the lease it waited for already spent by others before it asks Redis alone. */
    private static final int LEASE_ATTEMPTS = 4;

    /**
     * How long one request of a leased budget waits on Redis in all (leases being fetched, however many): Redis's own
     * timeout. A request still waiting then takes Redis to be out, as a check of its own would have.
     */
    private static final long DEADLINE_NANOS = SharedBudgets.TIMEOUT.toNanos();

    private final String name;
    private final long capacity;
    private final Duration period;
    private final BucketConfiguration configuration;
    private final String sharedPrefix;
    private final @Nullable SharedBudgets shared;
    /** The budget without Redis, and each process's own budget while Redis is unreachable. */
    private final Cache<String, Bucket> local;
    /** Each key's lease in this process; {@code null} when every token is asked of Redis (or there is no Redis). */
    private final @Nullable Cache<String, Lease> leases;

    private final Counters counters;
    /** Requests of a leased budget that waited for an answer from Redis (their own check, or a lease being fetched). */
    private final LongAdder waited = new LongAdder();

    /**
     * What a budget counts: its refusals, its operations sent to Redis, the leased tokens given back unspent (once
     * Redis has taken them), and those that could not be given back (Redis unreachable or failing).
     */
    record Counters(Runnable refused, Runnable redisRequest, LongConsumer leaseReturned, LongConsumer leaseLost) {}

    Budget(
            String name,
            long capacity,
            Duration period,
            boolean leased,
            @Nullable SharedBudgets shared,
            Counters counters) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(
                    "A budget needs a positive capacity and period: " + name + " " + capacity + " per " + period);
        }
        this.name = name;
        this.capacity = capacity;
        this.period = period;
        this.shared = shared;
        this.counters = counters;
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
        // A key unused for a lease's lifetime is forgotten at once (Caffeine's scheduler), and what its lease still
        // held is given back to Redis; all a forgotten lease cost is a round trip for the key's next request.
        this.leases = leased && shared != null
                ? Caffeine.newBuilder()
                        .maximumSize(200_000)
                        .expireAfterAccess(LeaseSizing.LIFETIME)
                        .scheduler(Scheduler.systemScheduler())
                        .removalListener((@Nullable String key, @Nullable Lease lease, RemovalCause cause) -> {
                            if (key != null && lease != null) {
                                lease.forget(System.nanoTime());
                                returnUnspent(shared, key, lease);
                            }
                        })
                        .build()
                : null;
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
        counters.refused().run();
    }

    /** Takes one token from {@code key}'s bucket if it has one; the answer says what is left either way. */
    public Admission take(String key) {
        SharedBudgets store = shared;
        if (store != null) {
            Cache<String, Lease> byKey = leases;
            Admission admission = byKey == null ? oneAtATime(store, key, null) : leased(store, key, byKey);
            if (admission != null) {
                return admission;
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
        return Admission.of(bucket.tryConsumeAndReturnRemaining(1), bucket);
    }

    /** One token asked of Redis; {@code null} when Redis cannot answer (the caller decides in this process). */
    private @Nullable Admission oneAtATime(SharedBudgets store, String key, @Nullable Lease lease) {
        Bucket remote = store.bucket(sharedKey(key), this);
        if (remote == null) {
            return null;
        }
        try {
            counters.redisRequest().run();
            ConsumptionProbe probe = remote.tryConsumeAndReturnRemaining(1);
            if (lease != null) {
                lease.answered(probe, System.nanoTime());
            }
            return Admission.of(probe, remote);
        } catch (RuntimeException e) {
            store.failed(e);
            return null;
        }
    }

    /**
     * A token of the key's lease in this process, when it has one; otherwise the lease is fetched (one request fetches,
     * the others wait for it) or, when what is left is too little for a lease, one token is asked of Redis. The request
     * waits on leases until {@link #DEADLINE_NANOS} after it began, in all; past that, Redis is taken to be out.
     */
    private @Nullable Admission leased(SharedBudgets store, String key, Cache<String, Lease> byKey) {
        long began = System.nanoTime();
        long deadline = began + DEADLINE_NANOS;
        Lease lease = byKey.get(key, k -> new Lease(began, capacity, period.toNanos()));
        boolean newRequest = true;
        for (int attempt = 0; attempt < LEASE_ATTEMPTS && store.available(); attempt++) {
            Lease.Step step = lease.next(attempt == 0 ? began : System.nanoTime(), newRequest);
            // A fetch next() started is sent first: only its own answer or failure ends it, and nothing before may
            // throw and leave the key's requests waiting for it.
            Lease.Fetch started = step instanceof Lease.Fetch fetch
                    ? fetch
                    : step instanceof Lease.Spent spent ? spent.fetch() : null;
            if (started != null) {
                fetch(store, key, lease, started);
            }
            returnUnspent(store, key, lease);
            if (newRequest && !(step instanceof Lease.Spent || step instanceof Lease.Refused)) {
                waited.increment();
            }
            newRequest = false;
            switch (step) {
                case Lease.Spent spent -> {
                    // Redis's last figure plus the lease can exceed the budget (tokens leased while it refilled).
                    long remaining = Math.min(capacity, spent.remaining());
                    return new Admission(true, remaining, 0, nanosToFill(remaining), lease::giveBack);
                }
                case Lease.Refused refused -> {
                    return new Admission(false, 0, refused.nanosToWait(), refused.nanosToReset(), () -> {});
                }
                case Lease.OneAtATime one -> {
                    return oneAtATime(store, key, lease);
                }
                case Lease.Await await -> {
                    if (!awaited(store, await.fetched(), deadline)) {
                        return null;
                    }
                }
                case Lease.Fetch fetch -> {
                    if (!awaited(store, fetch.fetched(), deadline)) {
                        return null;
                    }
                }
            }
        }
        // Leases fetched for this request kept being spent by others first: this one asks for its own token.
        return store.available() ? oneAtATime(store, key, lease) : null;
    }

    /** Takes the tokens of {@code fetch} from Redis for the lease, without waiting for the answer. */
    private void fetch(SharedBudgets store, String key, Lease lease, Lease.Fetch fetch) {
        try {
            AsyncBucketProxy remote = store.asyncBucket(sharedKey(key), this);
            if (remote == null) {
                lease.notFetched(fetch);
                return;
            }
            counters.redisRequest().run();
            remote.tryConsumeAndReturnRemaining(fetch.size()).whenComplete((probe, error) -> {
                if (probe != null) {
                    lease.fetched(fetch, probe, System.nanoTime());
                    returnUnspent(store, key, lease);
                    return;
                }
                try {
                    store.failed(cause(error));
                } finally {
                    lease.notFetched(fetch);
                }
            });
        } catch (RuntimeException e) {
            try {
                store.failed(e);
            } finally {
                lease.notFetched(fetch);
            }
        }
    }

    /**
     * Gives back to Redis what {@code lease} has set aside unspent (expired, or the lease forgotten), without waiting;
     * {@link Lease} has already kept back as many as the bucket can have refilled meanwhile, so the bucket never holds
     * more than it would have had they never been taken. If Redis cannot take them, they are lost for the period.
     * Counted once Redis has answered: as given back, or as lost.
     */
    private void returnUnspent(SharedBudgets store, String key, Lease lease) {
        long unspent = lease.takeUnspent();
        if (unspent == 0) {
            return;
        }
        try {
            AsyncBucketProxy remote = store.asyncBucket(sharedKey(key), this);
            if (remote == null) {
                counters.leaseLost().accept(unspent);
                return;
            }
            counters.redisRequest().run();
            remote.addTokens(unspent).whenComplete((done, error) -> {
                if (error == null) {
                    counters.leaseReturned().accept(unspent);
                } else {
                    counters.leaseLost().accept(unspent);
                }
            });
        } catch (RuntimeException lost) {
            // Redis went away: the tokens stay taken until the bucket refills.
            counters.leaseLost().accept(unspent);
        }
    }

    private static Throwable cause(@Nullable Throwable error) {
        if (error instanceof CompletionException wrapped && wrapped.getCause() != null) {
            return wrapped.getCause();
        }
        return error != null ? error : new IllegalStateException("Redis gave no answer");
    }

    /**
     * Waits for a lease to be fetched, until the request's {@code deadline}; false if this thread was interrupted or
     * the deadline passed, and the request is then decided in this process. Past the deadline Redis has not answered
     * within its timeout as far as this request can tell: that is reported as an outage ({@link SharedBudgets#failed}),
     * as a check of its own that timed out would be. The fetch itself is left alone: its own answer or failure ends it.
     */
    private static boolean awaited(SharedBudgets store, CompletableFuture<Void> fetched, long deadline) {
        try {
            fetched.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            store.failed(new TimeoutException(
                    "no lease from Redis within " + SharedBudgets.TIMEOUT.toMillis() + " ms of a request"));
            return false;
        }
    }

    /** The time until a budget with {@code remaining} tokens is full again: one token per period / capacity. */
    private long nanosToFill(long remaining) {
        return (long) ((double) Math.max(0, capacity - remaining) / capacity * period.toNanos());
    }

    /** How many requests of this leased budget waited for Redis (in this process, since it started). */
    long waitedOnRedis() {
        return waited.sum();
    }

    /** The key of {@code key}'s shared bucket in Redis. */
    String sharedKey(String key) {
        return sharedPrefix + key;
    }

    BucketConfiguration configuration() {
        return configuration;
    }

    static byte[] redisKey(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
