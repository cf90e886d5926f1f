package com.claribi.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where budgets live: in this process by default, in Redis when {@code CLARIBI_REDIS_URL} is set (with this process's
 * own buckets standing in while Redis is unreachable).
 */
@Component
final class Budgets implements AutoCloseable {

    static final String REFUSALS_METRIC = "claribi.rate.limit.refusals";
    static final String REDIS_REQUESTS_METRIC = "claribi.rate.limit.redis.requests";
    static final String LEASE_RETURNED_METRIC = "claribi.rate.limit.redis.lease.returned";
    static final String LEASE_LOST_METRIC = "claribi.rate.limit.redis.lease.lost";

    private final @Nullable SharedBudgets shared;
    private final MeterRegistry meters;

    Budgets(RateLimitProperties settings, ObjectProvider<MeterRegistry> meters) {
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        String url = settings.redisUrl();
        this.shared = url == null || url.isBlank() ? null : new SharedBudgets(url.trim(), this.meters);
    }

    /**
     * A budget of {@code capacity} per {@code period} for each key, refilled evenly over the period, exact per request:
     * with Redis, every token is asked of it, so N simultaneous requests in any number of processes never get more
     * than the budget, and a token given back ({@link Admission#giveBack}) is back for everyone. For the throttles of
     * credential checks, where each attempt counts. The requests it refuses ({@link Budget#refused}) are counted under
     * its name ({@code claribi.rate.limit.refusals{budget=name}}).
     */
    public Budget budget(String name, long capacity, Duration period) {
        return create(name, capacity, period, false);
    }

    /**
     * A budget like {@link #budget} whose tokens, with Redis, are taken in leases: each process takes a slice of the
     * shared bucket in one round trip, sized from what is left and its recent rate ({@link LeaseSizing}), and spends it
     * without asking Redis, one token at a time near the end of the budget. Never more than the budget across
     * processes (leased tokens are taken before they are spent; those a lease has not spent within a second are given
     * back), and the headers'
     * remaining figure is Redis's at the last round trip plus what this process's lease holds. For the budgets on every
     * request, where a round trip each would cost most of the throughput.
     */
    public Budget leasedBudget(String name, long capacity, Duration period) {
        return create(name, capacity, period, true);
    }

    private Budget create(String name, long capacity, Duration period, boolean leased) {
        Counter refusals = Counter.builder(REFUSALS_METRIC)
                .description("Requests a budget refused (over budget), by budget")
                .tag("budget", name)
                .register(meters);
        if (shared == null) {
            return new Budget(
                    name,
                    capacity,
                    period,
                    leased,
                    null,
                    new Budget.Counters(refusals::increment, () -> {}, n -> {}, n -> {}));
        }
        Counter redisRequests = Counter.builder(REDIS_REQUESTS_METRIC)
                .description("Budget operations sent to Redis (a check of one token, or a lease), by budget")
                .tag("budget", name)
                .register(meters);
        Counter returned = Counter.builder(LEASE_RETURNED_METRIC)
                .description("Tokens leased from Redis and given back unspent (the lease expired), by budget")
                .tag("budget", name)
                .register(meters);
        Counter lost = Counter.builder(LEASE_LOST_METRIC)
                .description(
                        "Tokens leased from Redis, unspent, that could not be given back (Redis failed), by budget")
                .tag("budget", name)
                .register(meters);
        return new Budget(
                name,
                capacity,
                period,
                leased,
                shared,
                new Budget.Counters(
                        refusals::increment, redisRequests::increment, returned::increment, lost::increment));
    }

    /** Whether Redis is configured at all ({@code CLARIBI_REDIS_URL}). */
    public boolean sharingConfigured() {
        return shared != null;
    }

    /** Whether checks are currently decided by the shared budgets in Redis. */
    public boolean shared() {
        return shared != null && shared.available();
    }

    /** How many checks were decided in this process because Redis was unreachable (also the Micrometer counter). */
    public double redisFallbacks() {
        return shared == null ? 0 : shared.fallbackCount();
    }

    @Override
    public void close() {
        if (shared != null) {
            shared.close();
        }
    }
}
