package com.claribi.apikey;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cost of a cold API key check with 1,000 and with 1,000,000 keys stored in PostgreSQL. Two databases on one
 * PostgreSQL server (the given JDBC URL's server, or one started from the embedded binaries): each holds the same 1,000
 * real keys (generated as the server generates them, so their secrets are known), and the large one 999,000 more
 * (hashes made in SQL by generate_series). Each round checks every real key once, cold (the provider's cache entry
 * dropped first), in both databases alternately, so the machine's load falls on both alike; the median of the rounds
 * is reported, for the whole check (format, checksum, SHA-256, cache miss, query) and for the query alone.
 *
 * <p>Arguments: {@code rounds} (default 9), then optionally {@code jdbcUrl user password} of a server on which it may
 * create databases. Prints one line per figure, {@code key=value}, for bench/run.
 */
public final class ApiKeyScale {

    private static final int REAL_KEYS = 1_000;

    private ApiKeyScale() {}

    private record Installation(HikariDataSource dataSource, ApiKeys keys, ApiKeyAuthenticationProvider provider) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        EmbeddedPostgres embedded = null;
        String url;
        String user;
        String password;
        if (args.length >= 4) {
            url = args[1];
            user = args[2];
            password = args[3];
        } else {
            embedded = EmbeddedPostgres.builder().start();
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "postgres";
        }
        try {
            List<String> secrets = new ArrayList<>(REAL_KEYS);
            for (int i = 0; i < REAL_KEYS; i++) {
                secrets.add(ApiKeySecret.generate());
            }
            long started = System.nanoTime();
            Installation thousand = install(url, user, password, "claribi_bench_1k", secrets, 0);
            Installation million = install(url, user, password, "claribi_bench_1m", secrets, 1_000_000 - REAL_KEYS);
            System.out.printf(Locale.ROOT, "setup_seconds=%.1f%n", (System.nanoTime() - started) / 1e9);
            List<String> hashes = secrets.stream().map(ApiKeySecret::hash).toList();
            List<ApiKeyAuthenticationToken> tokens = secrets.stream().map(ApiKeyAuthenticationToken::new).toList();
            // Warm-up: the JIT, both pools, both databases' caches.
            for (int i = 0; i < 2; i++) {
                check(thousand, tokens, hashes);
                check(million, tokens, hashes);
                query(thousand, hashes);
                query(million, hashes);
            }
            double[][] figures = new double[4][rounds];
            for (int round = 0; round < rounds; round++) {
                figures[0][round] = check(thousand, tokens, hashes);
                figures[1][round] = check(million, tokens, hashes);
                figures[2][round] = query(thousand, hashes);
                figures[3][round] = query(million, hashes);
            }
            double check1k = median(figures[0]);
            double check1m = median(figures[1]);
            double query1k = median(figures[2]);
            double query1m = median(figures[3]);
            System.out.printf(Locale.ROOT, "rounds=%d%nlookups_per_round=%d%n", rounds, REAL_KEYS);
            System.out.printf(Locale.ROOT, "check_1k_us=%.1f%ncheck_1m_us=%.1f%ncheck_ratio=%.2f%n",
                    check1k, check1m, check1m / check1k);
            System.out.printf(Locale.ROOT, "query_1k_us=%.1f%nquery_1m_us=%.1f%nquery_ratio=%.2f%n",
                    query1k, query1m, query1m / query1k);
            System.out.printf(Locale.ROOT, "check_ratio_rounds=%s%n", ratios(figures[1], figures[0]));
            String plan = String.join(" / ", JdbcClient.create(million.dataSource())
                    .sql("explain select k.*, u.active as creator_active from api_keys k join users u"
                            + " on u.id = k.user_id where k.secret_hash = ?")
                    .param(hashes.get(0))
                    .query(String.class)
                    .list());
            System.out.println("plan=" + plan.replaceAll("\\s+", " "));
            thousand.dataSource().close();
            million.dataSource().close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static Installation install(
            String url, String user, String password, String name, List<String> secrets, int filler)
            throws SQLException, IOException {
        try (HikariDataSource admin = dataSource(url, user, password);
                Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name);
            statement.execute("create database " + name);
        }
        String databaseUrl = url.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        HikariDataSource dataSource = dataSource(databaseUrl, user, password);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                insert into organizations (name, plan, ai_credits_remaining, created_at)
                values ('scale', 'professional', 0, current_timestamp)""").update();
        jdbc.sql("""
                insert into users (organization_id, email, email_normalized, first_name, last_name, role,
                                   password_hash, active, created_at, password_changed_at)
                select id, 'scale@example.com', 'scale@example.com', '', '', 'viewer', 'x', true,
                       current_timestamp, current_timestamp from organizations""").update();
        ApiKeys keys = new ApiKeys(jdbc);
        long userId = jdbc.sql("select id from users").query(Long.class).single();
        long organizationId = jdbc.sql("select organization_id from users").query(Long.class).single();
        // The index orders keys by their random hashes, so the real keys land anywhere among the filler.
        if (filler > 0) {
            jdbc.sql("""
                    insert into api_keys (user_id, organization_id, name, prefix, secret_hash, scope, created_at,
                                          changed_at)
                    select ?, ?, 'filler ' || i, 'claribi_sk_live_',
                           encode(sha256(('filler-' || i)::bytea), 'hex'), 'read_only', current_timestamp,
                           current_timestamp
                    from generate_series(1, ?) as i""")
                    .params(userId, organizationId, filler)
                    .update();
        }
        for (String secret : secrets) {
            keys.insert(
                    userId,
                    organizationId,
                    "bench",
                    secret.substring(0, ApiKeySecret.DISPLAY_PREFIX_LENGTH),
                    ApiKeySecret.hash(secret),
                    Scope.READ_ONLY,
                    java.time.Instant.now(),
                    null,
                    null);
        }
        jdbc.sql("vacuum analyze api_keys").update();
        ApiKeyAuthenticationProvider provider =
                new ApiKeyAuthenticationProvider(keys, Clock.systemUTC(), event -> {}, null);
        return new Installation(dataSource, keys, provider);
    }

    private static HikariDataSource dataSource(String url, String user, String password) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    /** Microseconds per cold check: every key once, its cache entry dropped first. */
    private static double check(Installation installation, List<ApiKeyAuthenticationToken> tokens, List<String> hashes) {
        long total = 0;
        for (int i = 0; i < tokens.size(); i++) {
            installation.provider().changedHere(hashes.get(i));
            long start = System.nanoTime();
            installation.provider().authenticate(tokens.get(i));
            total += System.nanoTime() - start;
        }
        return total / 1_000.0 / tokens.size();
    }

    /** Microseconds per query alone. */
    private static double query(Installation installation, List<String> hashes) {
        long start = System.nanoTime();
        for (String hash : hashes) {
            if (installation.keys().findByHash(hash).isEmpty()) {
                throw new IllegalStateException("a stored key was not found");
            }
        }
        return (System.nanoTime() - start) / 1_000.0 / hashes.size();
    }

    private static String ratios(double[] large, double[] small) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < large.length; i++) {
            out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", large[i] / small[i]));
        }
        return out.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
