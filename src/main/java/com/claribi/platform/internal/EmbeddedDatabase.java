package com.claribi.platform.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The embedded H2 file database in the data directory's {@code db} directory (mode 0700), its files owner-only.
 * PostgreSQL mode lets the same migrations and queries run on both databases.
 */
final class EmbeddedDatabase implements JdbcConnectionDetails, SmartInitializingSingleton {

    private final Path directory;

    EmbeddedDatabase(Path directory) throws IOException {
        this.directory = directory;
        // Files an earlier version left with the umask's mode, tightened before the pool opens them.
        FilePermissions.restrictFilesToOwner(directory);
    }

    @Override
    public String getJdbcUrl() {
        return "jdbc:h2:file:" + directory.resolve("claribi")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                // Closed by the pool at shutdown, after the last writes, not by H2's own JVM hook before them.
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @Override
    public String getUsername() {
        return "sa";
    }

    @Override
    public String getPassword() {
        return "";
    }

    /**
     * H2 creates its files with the umask's mode when the pool first opens the database, which the migrations have
     * done by now (every other singleton exists); the server has not started to serve yet.
     */
    @Override
    public void afterSingletonsInstantiated() {
        try {
            FilePermissions.restrictFilesToOwner(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restrict the database files in " + directory, e);
        }
    }
}
