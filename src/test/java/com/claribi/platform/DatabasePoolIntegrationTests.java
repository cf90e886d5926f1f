package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The pool is Spring Boot's: it connects where the {@code CLARIBI_DATABASE_*} settings say, with the server's defaults
 * (16 connections, a 2-second wait while the database is down), and {@code spring.datasource.hikari.*} tunes it.
 */
@TestPropertySource(properties = "spring.datasource.hikari.minimum-idle=3")
class DatabasePoolIntegrationTests extends ServerIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void poolHasTheServerDefaultsAndTheHikariSettingsThenConnectsToTheConfiguredDatabase() {
        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        HikariDataSource pool = (HikariDataSource) dataSource;
        assertThat(pool.getPoolName()).isEqualTo("claribi");
        assertThat(pool.getMaximumPoolSize()).isEqualTo(16);
        assertThat(pool.getConnectionTimeout()).isEqualTo(2_000);
        assertThat(pool.getValidationTimeout()).isEqualTo(1_000);
        assertThat(pool.getMinimumIdle())
                .as("spring.datasource.hikari.minimum-idle")
                .isEqualTo(3);
        if (TestDatabase.isPostgres()) {
            assertThat(pool.getJdbcUrl()).isEqualTo(TestDatabase.properties().get("claribi.database-url"));
        } else {
            assertThat(pool.getJdbcUrl())
                    .startsWith("jdbc:h2:file:")
                    .contains("/db/claribi;MODE=PostgreSQL;")
                    .endsWith(";DB_CLOSE_ON_EXIT=FALSE");
        }
    }
}
