package com.claribi.platform.internal;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether an exception means the database could not be reached or went away, which the API answers with 503 and
 * {@code Retry-After} rather than a 500: Spring's translations of that (no connection, a transient failure, a
 * timeout), and the SQL states a driver reports when a connection breaks under a statement (class 08, connection
 * exception; 57P, an operator shutting the server down; 53300, too many connections). A write whose connection is
 * cut reaches the transaction manager's rollback, which fails too: Spring then throws a
 * {@link TransactionSystemException} holding the broken connection's error as its cause, and the write's own as its
 * application exception; both are looked at. When the commit itself fails that way, the pool has already closed the
 * broken connection, so the rollback Spring tries next fails with the pool's "Connection is closed", which carries no
 * SQL state, and Spring throws that rollback's exception alone ("Commit exception overridden by rollback exception").
 * A commit or rollback that fails in JDBC means the connection is gone: a {@link TransactionSystemException} caused by
 * an {@link SQLException} is unavailability whatever its state.
 */
final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    /** Whether {@code error}, or anything that caused it, says the database is unavailable. */
    static boolean explains(@Nullable Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (is(cause)) {
                return true;
            }
            if (cause instanceof TransactionSystemException failed
                    && failed.getApplicationException() != null
                    && explains(failed.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    private static boolean is(Throwable error) {
        if (error instanceof DataAccessResourceFailureException
                || error instanceof CannotCreateTransactionException
                || error instanceof TransientDataAccessException
                || error instanceof QueryTimeoutException) {
            return true;
        }
        if (error instanceof TransactionSystemException && error.getCause() instanceof SQLException) {
            return true;
        }
        if (error instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || state.startsWith("57P") || state.equals("53300");
        }
        return false;
    }
}
