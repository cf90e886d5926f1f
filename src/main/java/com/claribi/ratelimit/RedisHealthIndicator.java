package com.claribi.ratelimit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Redis, as the readiness probe sees it ({@code redis} in its group): down while the shared budgets cannot reach it
 * (the watcher pings it every half second), up when it answers or when no Redis is configured. Down only takes the
 * process out of the proxy's rotation; requests are still served, on per-process budgets.
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
