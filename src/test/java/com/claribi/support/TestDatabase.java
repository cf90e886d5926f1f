package com.claribi.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The database the integration tests run on, chosen by the system property {@code claribi.test.database}: {@code h2}
 * (the embedded default) or {@code postgres}, a real PostgreSQL started from embedded binaries once per test JVM.
 */
public final class TestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {}

    public static boolean isPostgres() {
        return "postgres".equals(System.getProperty("claribi.test.database", "h2"));
    }

    /**
     * Runs the calling test in the embedded database's run only: for what no database takes part in (parsing the
     * command line, file modes checked before any connection), which a second run on PostgreSQL would only repeat.
     */
    public static void noDatabaseInvolved() {
        Assumptions.assumeFalse(isPostgres(), "no database takes part: run once, with the embedded database");
    }

    /** The {@code claribi.*} properties that point a server at the test database; empty for the embedded H2. */
    public static synchronized Map<String, String> properties() {
        if (!isPostgres()) {
            return Map.of();
        }
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // The JVM is exiting.
                }
            }));
        }
        return Map.of(
                "claribi.database-url", postgres.getJdbcUrl("postgres", "postgres"),
                "claribi.database-user", "postgres",
                "claribi.database-password", "postgres");
    }

    /**
     * The {@code claribi.*} properties of a new, empty database on the test PostgreSQL server, for a test that needs a
     * first start or its own installation; empty for the embedded H2, where a new data directory is a new database.
     */
    public static synchronized Map<String, String> newDatabase() {
        if (!isPostgres()) {
            return Map.of();
        }
        properties();
        String name = "claribi_" + DATABASES.incrementAndGet() + "_"
                + ProcessHandle.current().pid();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + name, e);
        }
        return Map.of(
                "claribi.database-url", postgres.getJdbcUrl("postgres", name),
                "claribi.database-user", "postgres",
                "claribi.database-password", "postgres");
    }
}
