package com.claribi.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
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
 * A cold key check is one indexed lookup by hash, so its cost does not grow with the number of keys: measured here with
 * 1,000 and with 1,000,000 keys stored in PostgreSQL (figures printed, the query plan asserted).
 */
@EnabledIfSystemProperty(named = "claribi.test.database", matches = "postgres")
class ApiKeyLookupScaleIntegrationTests {

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;
    private static ApiKeys keys;

    @BeforeAll
    static void database() {
        Map<String, String> properties = TestDatabase.newDatabase();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(properties.get("claribi.database-url"));
        dataSource.setUsername(properties.get("claribi.database-user"));
        dataSource.setPassword(properties.get("claribi.database-password"));
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        keys = new ApiKeys(jdbc);
        jdbc.sql("""
                insert into organizations (name, plan, ai_credits_remaining, created_at)
                values ('scale', 'professional', 0, current_timestamp)""").update();
        jdbc.sql("""
                insert into users (organization_id, email, email_normalized, first_name, last_name, role,
                                   password_hash, active, created_at, password_changed_at)
                select id, 'scale@example.com', 'scale@example.com', '', '', 'viewer', 'x', true,
                       current_timestamp, current_timestamp from organizations""").update();
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Test
    void coldLookupCostDoesNotGrowFromAThousandToAMillionKeys() {
        insertKeys(1, 1_000);
        double thousand = microsPerLookup(1_000);
        insertKeys(1_001, 1_000_000);
        jdbc.sql("analyze api_keys").update();
        double million = microsPerLookup(1_000_000);
        System.out.printf(
                "API key cold lookup (indexed, by SHA-256): %.1f us with 1,000 keys, %.1f us with 1,000,000 keys"
                        + " (ratio %.2f)%n",
                thousand, million, million / thousand);

        String plan = String.join(
                "\n",
                jdbc.sql("explain select * from api_keys where secret_hash = ?")
                        .param(ApiKeySecret.hash("claribi_sk_live_x"))
                        .query(String.class)
                        .list());
        assertThat(plan).contains("Index Scan using api_keys_secret_hash_unique");
        assertThat(keys.findByHash(hashOf(123_456))).isPresent();
        assertThat(keys.findByHash(ApiKeySecret.hash(ApiKeySecret.generate()))).isEmpty();
    }

    private static void insertKeys(int from, int to) {
        jdbc.sql("""
                insert into api_keys (user_id, organization_id, name, prefix, secret_hash, scope, created_at,
                                      changed_at)
                select u.id, u.organization_id, 'key ' || i, 'claribi_sk_live_', encode(sha256(('key-' || i)::bytea), 'hex'),
                       'read_only', current_timestamp, current_timestamp
                from users u, generate_series(?, ?) as i""").params(from, to).update();
    }

    /** The mean time of the repository's lookup by hash for random stored keys, after a warm-up. */
    private static double microsPerLookup(int stored) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            hashes.add(hashOf(ThreadLocalRandom.current().nextInt(1, stored + 1)));
        }
        // Warm-up (JIT, connection pool), so that the first measurement is not the slower one for being first.
        hashes.subList(0, 4_000)
                .forEach(hash -> assertThat(keys.findByHash(hash)).isPresent());
        long start = System.nanoTime();
        for (String hash : hashes.subList(4_000, 6_000)) {
            keys.findByHash(hash);
        }
        return (System.nanoTime() - start) / 1_000.0 / 2_000;
    }

    private static String hashOf(int i) {
        return java.util.HexFormat.of()
                .formatHex(sha256(("key-" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
