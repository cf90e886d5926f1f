package com.claribi.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The database the integration tests run on, chosen by the system property {@code claribi.test.database}: {@code h2}
 * (the embedded default) or {@code postgres}, a real PostgreSQL started from embedded binaries once per test JVM.
 */
public final class TestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static Path postgresData;
    private static int postgresPort;

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
        if (postgresData == null) {
            try {
                postgresData = Files.createTempDirectory("claribi-postgres-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgresPort = ServerIntegrationTest.freePort();
            startPostgres();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopPostgres();
                try (Stream<Path> files = Files.walk(postgresData)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(file -> file.toFile().delete());
                } catch (IOException ignored) {
                    // The JVM is exiting; the directory is a temporary one.
                }
            }));
        }
        return Map.of(
                "claribi.database-url", postgres.getJdbcUrl("postgres", "postgres"),
                "claribi.database-user", "postgres",
                "claribi.database-password", "postgres");
    }

    /**
     * Stops the test PostgreSQL server (its data stays), for a test of an outage; every database on it goes away until
     * {@link #startPostgres()}. Tests run one class at a time, so only the calling test sees it.
     */
    public static synchronized void stopPostgres() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the embedded PostgreSQL", e);
        } finally {
            postgres = null;
        }
    }

    /** Starts the test PostgreSQL server again, on the same port and data: every URL given out before works again. */
    public static synchronized void startPostgres() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(postgresPort)
                    .setDataDirectory(postgresData)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
        }
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
