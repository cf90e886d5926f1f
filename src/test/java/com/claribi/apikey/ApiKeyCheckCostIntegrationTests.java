package com.claribi.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.claribi.platform.ApiAuthenticationToken;
import com.claribi.platform.CredentialRejected;
import com.claribi.platform.HttpsPolicy;
import com.claribi.support.ServerIntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A warm key is checked without the database, and an unknown one once per few minutes: counted on the real database,
 * through a data source that counts every connection taken; a remembered miss never refuses a key created later. The cost of a warm check is printed (not asserted: the machines are shared).
 */
class ApiKeyCheckCostIntegrationTests extends ServerIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    ApiKeyManagement management;

    @Autowired
    HttpsPolicy https;

    @Test
    void warmKeyCheckTakesNoConnectionAndColdCheckTakesOne() {
        Account owner = newUser(com.claribi.identity.Role.VIEWER);
        String secret = management
                .create(
                        com.claribi.platform.ApiPrincipal.session(
                                owner.user().id(),
                                owner.user().organizationId(),
                                "test-session",
                                java.time.Instant.now()),
                        "cost",
                        "read_only",
                        ApiKeyManagement.RequestedExpiry.DEFAULT,
                        com.claribi.platform.ClientInfo.COMMAND_LINE)
                .key();
        AtomicLong connections = new AtomicLong();
        DataSource counting = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                connections.incrementAndGet();
                return super.getConnection();
            }
        };
        ApiKeyAuthenticationProvider provider = new ApiKeyAuthenticationProvider(
                new ApiKeys(JdbcClient.create(counting)), Clock.systemUTC(), event -> {}, https);

        var first = (ApiAuthenticationToken) provider.authenticate(new ApiKeyAuthenticationToken(secret));
        assertThat(first.getPrincipal().apiKeyId()).isNotNull();
        assertThat(connections.get()).isEqualTo(1);

        int warmChecks = 200_000;
        for (int i = 0; i < warmChecks; i++) {
            provider.authenticate(new ApiKeyAuthenticationToken(secret));
        }
        long warmStart = System.nanoTime();
        for (int i = 0; i < warmChecks; i++) {
            provider.authenticate(new ApiKeyAuthenticationToken(secret));
        }
        long warmNanos = System.nanoTime() - warmStart;
        assertThat(connections.get()).as("warm checks take no connection").isEqualTo(1);
        System.out.printf(
                "API key check on %s: warm %.2f us (no database; a cold check is one indexed query)%n",
                System.getProperty("claribi.test.database", "h2"), warmNanos / 1_000.0 / warmChecks);
    }

    @Test
    void unknownKeyRepeatedThenOneLookupPerFewMinutes() {
        AtomicLong connections = new AtomicLong();
        AtomicLong nanos = new AtomicLong();
        ApiKeyAuthenticationProvider provider = new ApiKeyAuthenticationProvider(
                new ApiKeys(JdbcClient.create(counting(connections))),
                Clock.systemUTC(),
                event -> {},
                https,
                nanos::get,
                ApiKeyAuthenticationProvider.LOOK_BACK);
        String unknown = ApiKeySecret.generate();

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> provider.authenticate(new ApiKeyAuthenticationToken(unknown)))
                    .isInstanceOf(CredentialRejected.class);
        }
        assertThat(connections.get()).isEqualTo(1);
        nanos.addAndGet(Duration.ofMinutes(4).toNanos());
        assertThatThrownBy(() -> provider.authenticate(new ApiKeyAuthenticationToken(unknown)))
                .isInstanceOf(CredentialRejected.class);
        assertThat(connections.get()).as("still remembered four minutes later").isEqualTo(1);
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThatThrownBy(() -> provider.authenticate(new ApiKeyAuthenticationToken(unknown)))
                .isInstanceOf(CredentialRejected.class);
        assertThat(connections.get()).as("looked up again once forgotten").isEqualTo(2);
    }

    @Test
    void unknownKeyWhenCreatedLaterByAnotherProcessThenAcceptedAfterItsPoll() {
        Account owner = newUser(com.claribi.identity.Role.VIEWER);
        ApiKeys keys = new ApiKeys(JdbcClient.create(dataSource));
        // This process remembers a miss for the secret; "another process" then creates a key with it.
        ApiKeyAuthenticationProvider provider =
                new ApiKeyAuthenticationProvider(keys, Clock.systemUTC(), event -> {}, https);
        provider.pollChanges();
        String secret = ApiKeySecret.generate();
        assertThatThrownBy(() -> provider.authenticate(new ApiKeyAuthenticationToken(secret)))
                .isInstanceOf(CredentialRejected.class);
        keys.insert(
                owner.user().id(),
                owner.user().organizationId(),
                "created elsewhere",
                ApiKeySecret.displayPrefix(secret),
                ApiKeySecret.hash(secret),
                Scope.READ_ONLY,
                Instant.now(),
                null,
                null);

        provider.pollChanges();

        var accepted = (ApiAuthenticationToken) provider.authenticate(new ApiKeyAuthenticationToken(secret));
        assertThat(accepted.getPrincipal().apiKeyId()).isNotNull();
    }

    private DataSource counting(AtomicLong connections) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                connections.incrementAndGet();
                return super.getConnection();
            }
        };
    }
}
