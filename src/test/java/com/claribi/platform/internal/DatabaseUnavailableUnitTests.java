package com.claribi.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which errors the API answers 503 (the database unreachable or gone) rather than 500: the deployment test's
 * PostgreSQL restart cut a dashboard write's connection ("terminating connection due to administrator command",
 * 57P01), its rollback failed too, and Spring's {@code TransactionSystemException: JDBC rollback failed} was a 500.
 */
class DatabaseUnavailableUnitTests {

    @Test
    void rollbackFailedWhenTheConnectionWasTerminatedThenUnavailable() {
        TransactionSystemException rollback = new TransactionSystemException(
                "JDBC rollback failed", new SQLException("This connection has been closed.", "08003"));
        rollback.initApplicationException(new UncategorizedSQLException(
                "insert", "INSERT INTO dashboards", new SQLException("terminating connection", "57P01")));

        assertThat(DatabaseUnavailable.explains(rollback)).isTrue();
    }

    @Test
    void rollbackFailedWhenOnlyTheWriteSaysTheServerShutDownThenUnavailable() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed");
        rollback.initApplicationException(new UncategorizedSQLException(
                "insert", "INSERT INTO dashboards", new SQLException("the database system is shutting down", "57P03")));

        assertThat(DatabaseUnavailable.explains(rollback)).isTrue();
    }

    @Test
    void commitCutAndThenRollbackOnTheClosedConnectionThenUnavailable() {
        // Seen in the deployment test: the commit got 57P01, the pool closed the connection, and the rollback Spring
        // tried next failed with the pool's "Connection is closed" (no SQL state), thrown alone, with no application
        // exception.
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));

        assertThat(DatabaseUnavailable.explains(rollback)).isTrue();
    }

    @Test
    void connectionStatesThenUnavailable() {
        for (String state : new String[] {"08000", "08001", "08003", "08006", "57P01", "57P02", "57P03", "53300"}) {
            assertThat(DatabaseUnavailable.explains(new RuntimeException(new SQLException("broken", state))))
                    .as(state)
                    .isTrue();
        }
        assertThat(DatabaseUnavailable.explains(
                        new CannotGetJdbcConnectionException("no connection", new SQLException("refused", "08001"))))
                .isTrue();
    }

    @Test
    void errorsOfTheRequestOrOfOurCodeThenNotUnavailable() {
        assertThat(DatabaseUnavailable.explains(new DuplicateKeyException("duplicate")))
                .isFalse();
        assertThat(DatabaseUnavailable.explains(new DataIntegrityViolationException("NUL in text")))
                .isFalse();
        assertThat(DatabaseUnavailable.explains(new RuntimeException(new SQLException("syntax", "42601"))))
                .isFalse();
        assertThat(DatabaseUnavailable.explains(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnavailable.explains(
                        new TransactionSystemException("commit failed", new IllegalStateException())))
                .isFalse();
        assertThat(DatabaseUnavailable.explains(new NullPointerException())).isFalse();
        assertThat(DatabaseUnavailable.explains(null)).isFalse();
    }
}
