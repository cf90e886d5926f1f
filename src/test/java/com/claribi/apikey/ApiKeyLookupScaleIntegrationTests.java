package com.claribi.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A cold key check is one indexed lookup by hash, so its cost does not grow with the number of keys: two databases,
 * one with 1,000 keys and one with 1,000,000, measured in alternating rounds so that the machine's load falls on both
 * alike (figures printed; the query plan asserted).
 */
@EnabledIfSystemProperty(named = "claribi.test.database", matches = "postgres")
class ApiKeyLookupScaleIntegrationTests {

    private static final int ROUNDS = 7;
    private static final int LOOKUPS = 1_000;

    private static Installation thousand;
    private static Installation million;

    private record Installation(HikariDataSource dataSource, JdbcClient jdbc, ApiKeys keys, int stored) {

        static Installation withKeys(int stored) {
            Map<String, String> properties = TestDatabase.newDatabase();
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(properties.get("claribi.database-url"));
            dataSource.setUsername(properties.get("claribi.database-user"));
            dataSource.setPassword(properties.get("claribi.database-password"));
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
            jdbc.sql("""
                    insert into api_keys (user_id, organization_id, name, prefix, secret_hash, scope, created_at,
                                          changed_at)
                    select u.id, u.organization_id, 'key ' || i, 'claribi_sk_live_',
                           encode(sha256(('key-' || i)::bytea), 'hex'), 'read_only', current_timestamp,
                           current_timestamp
                    from users u, generate_series(1, ?) as i""").param(stored).update();
            jdbc.sql("analyze api_keys").update();
            return new Installation(dataSource, jdbc, new ApiKeys(jdbc), stored);
        }

        /** The mean time of one lookup by hash, over random stored keys. */
        double microsPerLookup() {
            List<String> hashes = new ArrayList<>(LOOKUPS);
            for (int i = 0; i < LOOKUPS; i++) {
                hashes.add(hashOf(ThreadLocalRandom.current().nextInt(1, stored + 1)));
            }
            long start = System.nanoTime();
            for (String hash : hashes) {
                keys.findByHash(hash);
            }
            return (System.nanoTime() - start) / 1_000.0 / LOOKUPS;
        }
    }

    @BeforeAll
    static void installations() {
        thousand = Installation.withKeys(1_000);
        million = Installation.withKeys(1_000_000);
    }

    @AfterAll
    static void close() {
        thousand.dataSource().close();
        million.dataSource().close();
    }

    @Test
    void coldLookupCostDoesNotGrowFromAThousandToAMillionKeys() {
        thousand.microsPerLookup(); // warm-up: the JIT and both connection pools
        million.microsPerLookup();
        double[] small = new double[ROUNDS];
        double[] large = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            small[round] = thousand.microsPerLookup();
            large[round] = million.microsPerLookup();
        }
        double smallMedian = median(small);
        double largeMedian = median(large);
        System.out.printf(
                "API key cold lookup (indexed, by SHA-256), median of %d alternating rounds of %d: %.1f us with"
                        + " 1,000 keys, %.1f us with 1,000,000 keys (ratio %.2f)%n",
                ROUNDS, LOOKUPS, smallMedian, largeMedian, largeMedian / smallMedian);

        String plan = String.join(
                "\n",
                million.jdbc()
                        .sql("explain select * from api_keys where secret_hash = ?")
                        .param(ApiKeySecret.hash("claribi_sk_live_x"))
                        .query(String.class)
                        .list());
        assertThat(plan).contains("Index Scan using api_keys_secret_hash_unique");
        assertThat(million.keys().findByHash(hashOf(123_456))).isPresent();
        assertThat(million.keys().findByHash(ApiKeySecret.hash(ApiKeySecret.generate())))
                .isEmpty();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String hashOf(int i) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(("key-" + i).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
