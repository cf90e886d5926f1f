package com.claribi.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.platform.ApiAuthentication;
import com.claribi.platform.HttpsPolicy;
import com.claribi.support.ServerIntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A warm key is checked without the database: counted on the real database, through a data source that counts every
 * connection taken. The cost of a warm check is printed (not asserted: the machines are shared).
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
                        new com.claribi.platform.ApiPrincipal(
                                owner.user().id(), owner.user().organizationId(), "test-session", null, false),
                        "cost",
                        "read_only",
                        null,
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

        var first = (ApiAuthentication) provider.authenticate(new ApiKeyToken(secret));
        assertThat(first.getPrincipal().apiKeyId()).isNotNull();
        assertThat(connections.get()).isEqualTo(1);

        int warmChecks = 200_000;
        for (int i = 0; i < warmChecks; i++) {
            provider.authenticate(new ApiKeyToken(secret));
        }
        long warmStart = System.nanoTime();
        for (int i = 0; i < warmChecks; i++) {
            provider.authenticate(new ApiKeyToken(secret));
        }
        long warmNanos = System.nanoTime() - warmStart;
        assertThat(connections.get()).as("warm checks take no connection").isEqualTo(1);
        System.out.printf(
                "API key check on %s: warm %.2f us (no database; a cold check is one indexed query)%n",
                System.getProperty("claribi.test.database", "h2"), warmNanos / 1_000.0 / warmChecks);
    }
}
