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

    private final @Nullable SharedBudgets shared;
    private final MeterRegistry meters;

    Budgets(RateLimitProperties settings, ObjectProvider<MeterRegistry> meters) {
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        String url = settings.redisUrl();
        this.shared = url == null || url.isBlank() ? null : new SharedBudgets(url.trim(), this.meters);
    }

    /**
     * A budget of {@code capacity} per {@code period} for each key, refilled evenly over the period; the requests it
     * refuses ({@link Budget#refused}) are counted under its name ({@code claribi.rate.limit.refusals{budget=name}}).
     */
    public Budget budget(String name, long capacity, Duration period) {
        Counter refusals = Counter.builder(REFUSALS_METRIC)
                .description("Requests a budget refused (over budget), by budget")
                .tag("budget", name)
                .register(meters);
        return new Budget(name, capacity, period, shared, refusals::increment);
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
