package com.claribi.bench;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A target the report checks: what it says, the figure it reads ({@link Figures}), how the figure compares with the
 * goal. The targets are this list; a figure not measured in a run leaves its target unchecked (the peer's, without
 * --peer, are left out).
 */
record Target(String text, String figure, Comparison comparison, double goal, boolean peer) {

    static final List<Target> ALL = List.of(
            new Target("JWT-authenticated throughput ≥ 95% of the unauthenticated baseline (status vs health)",
                    "jwt_ratio", Comparison.AT_LEAST, 0.95, false),
            new Target("API-key-authenticated throughput ≥ 95% of the baseline (status vs health)",
                    "key_ratio", Comparison.AT_LEAST, 0.95, false),
            new Target("≥ 1,200 refresh-token requests/s per core",
                    "refresh_per_cpu_second", Comparison.AT_LEAST, 1200, false),
            new Target("≥ 20 logins/s per core (Argon2id m=19 MiB t=2)",
                    "logins_per_cpu_second", Comparison.AT_LEAST, 20, false),
            new Target("key check cost at 1,000,000 keys within 1.2x of 1,000 keys",
                    "key_check_ratio", Comparison.AT_MOST, 1.2, false),
            new Target("authenticated p99 during a 200-client login flood < 2x unloaded",
                    "flood_p99_ratio", Comparison.BELOW, 2, false),
            new Target("RSS under load < 400 MB", "rss_load_mb", Comparison.BELOW, 400, false),
            // Beside Keycloak in the same run (--peer keycloak; issue 14).
            new Target("token refreshes ≥ 5x Keycloak's (req/s, same run)",
                    "peer_refresh_ratio", Comparison.AT_LEAST, 5, true),
            new Target("password logins ≥ 1x Keycloak's (req/s, same run)",
                    "peer_login_ratio", Comparison.AT_LEAST, 1, true),
            new Target("peak RSS under load ≤ 0.5x Keycloak's",
                    "peer_rss_ratio", Comparison.AT_MOST, 0.5, true),
            new Target("restart to the first 200 ≤ 0.5x Keycloak's",
                    "peer_restart_ratio", Comparison.AT_MOST, 0.5, true));

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

    static Optional<Target> of(String figure) {
        return ALL.stream().filter(t -> t.figure.equals(figure)).findFirst();
    }

    /** "≥ 0.95", "< 2". */
    String goalText() {
        return comparison.symbol + " " + BigDecimal.valueOf(goal).stripTrailingZeros().toPlainString();
    }

    String verdict(double measured) {
        return comparison.met(measured, goal) ? "met" : "**missed**";
    }
}
