package com.claribi.bench;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A target the report checks: what it says, the figure it reads ({@link Figures}), how the figure compares with the
 * goal, and with which stores it applies (some goals differ between the embedded defaults and PostgreSQL with Redis).
 * The targets are this list, issue 14's goals with wave 1's that still hold; a figure not measured in a run leaves its
 * target unchecked (the peer's, without --peer, are left out).
 */
record Target(String text, String figure, Comparison comparison, double goal, boolean peer, Stores stores) {

    static final List<Target> ALL = List.of(
            new Target("JWT-authenticated throughput ≥ 95% of the unauthenticated baseline (status vs health)",
                    "jwt_ratio", Comparison.AT_LEAST, 0.95, false, Stores.EMBEDDED),
            new Target("JWT-authenticated throughput ≥ 85% of the baseline with PostgreSQL and Redis",
                    "jwt_ratio", Comparison.AT_LEAST, 0.85, false, Stores.SHARED),
            new Target("API-key-authenticated throughput ≥ 92% of the baseline (status vs health)",
                    "key_ratio", Comparison.AT_LEAST, 0.92, false, Stores.EMBEDDED),
            new Target("API-key-authenticated throughput ≥ 85% of the baseline with PostgreSQL and Redis",
                    "key_ratio", Comparison.AT_LEAST, 0.85, false, Stores.SHARED),
            new Target("≥ 1,200 refresh-token requests/s per core",
                    "refresh_per_cpu_second", Comparison.AT_LEAST, 1200, false, Stores.ANY),
            new Target("≥ 20 logins/s per core (Argon2id m=19 MiB t=2)",
                    "logins_per_cpu_second", Comparison.AT_LEAST, 20, false, Stores.ANY),
            new Target("key check cost at 1,000,000 keys within 1.2x of 1,000 keys",
                    "key_check_ratio", Comparison.AT_MOST, 1.2, false, Stores.ANY),
            new Target("authenticated p99 during a 200-client login flood ≤ 3x unloaded",
                    "flood_p99_ratio", Comparison.AT_MOST, 3, false, Stores.ANY),
            new Target("peak RSS over the whole bench ≤ 300 MiB (default options)",
                    "rss_load_mb", Comparison.AT_MOST, 300, false, Stores.ANY),
            new Target("idle RSS ≤ 200 MiB (2 s after the first 200)",
                    "rss_idle_mb", Comparison.AT_MOST, 200, false, Stores.ANY),
            new Target("restart to the first 200 ≤ 3 s", "restart_ms", Comparison.AT_MOST, 3000, false, Stores.ANY),
            new Target("first server start to the first 200 ≤ 5 s (the database made by `org create` before it)",
                    "first_start_ms", Comparison.AT_MOST, 5000, false, Stores.ANY),
            // Beside Keycloak in the same run (--peer keycloak; issue 14).
            new Target("token refreshes ≥ 5x Keycloak's (req/s, same run)",
                    "peer_refresh_ratio", Comparison.AT_LEAST, 5, true, Stores.ANY),
            new Target("password logins ≥ 1x Keycloak's (req/s, same run)",
                    "peer_login_ratio", Comparison.AT_LEAST, 1, true, Stores.ANY),
            new Target("peak RSS under load ≤ 0.5x Keycloak's",
                    "peer_rss_ratio", Comparison.AT_MOST, 0.5, true, Stores.ANY),
            new Target("restart to the first 200 ≤ 0.5x Keycloak's",
                    "peer_restart_ratio", Comparison.AT_MOST, 0.5, true, Stores.ANY));

    /** With which stores a target applies. */
    enum Stores {
        ANY,
        /** The embedded defaults (H2, budgets in the process), or anything short of PostgreSQL with Redis. */
        EMBEDDED,
        /** PostgreSQL and Redis (--postgres --redis). */
        SHARED;

        boolean applies(boolean shared) {
            return this == ANY || (this == SHARED) == shared;
        }
    }

    enum Comparison {
        AT_LEAST("≥"),
        AT_MOST("≤"),
        BELOW("<");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        boolean met(double measured, double goal) {
            return switch (this) {
                case AT_LEAST -> measured >= goal;
                case AT_MOST -> measured <= goal;
                case BELOW -> measured < goal;
            };
        }
    }

    /** The target of {@code figure} in a run with ({@code shared}) or without PostgreSQL and Redis. */
    static Optional<Target> of(String figure, boolean shared) {
        return ALL.stream()
                .filter(t -> t.figure.equals(figure) && t.stores.applies(shared))
                .findFirst();
    }

    /** "≥ 0.95", "< 2". */
    String goalText() {
        return comparison.symbol + " " + BigDecimal.valueOf(goal).stripTrailingZeros().toPlainString();
    }

    String verdict(double measured) {
        return comparison.met(measured, goal) ? "met" : "**missed**";
    }
}
