package com.claribi.ratelimit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Redis, as {@code /actuator/health} shows it ({@code redis}): down while the shared budgets cannot reach it (the
 * watcher pings it every half second), up when it answers or when no Redis is configured. Not part of readiness: with
 * Redis down every process still serves, on per-process budgets, and a shared Redis must not take them all out of the
 * proxy's rotation at once.
 */
@Component
final class RedisHealthIndicator implements HealthIndicator {

    private final Budgets budgets;

    RedisHealthIndicator(Budgets budgets) {
        this.budgets = budgets;
    }

    @Override
    public Health health() {
        if (!budgets.sharingConfigured()) {
            return Health.up().withDetail("configured", false).build();
        }
        return budgets.shared() ? Health.up().build() : Health.down().build();
    }
}
