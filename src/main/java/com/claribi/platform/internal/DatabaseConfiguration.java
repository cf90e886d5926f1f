package com.claribi.platform.internal;

import com.claribi.platform.DataDirectory;
import com.claribi.platform.PlatformProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded H2 file database under the data directory, or PostgreSQL when {@code CLARIBI_DATABASE_URL} is set. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(PlatformProperties properties, DataDirectory dataDirectory) throws IOException {
        HikariConfig config = new HikariConfig();
        Path dir = null;
        if (properties.embeddedDatabase()) {
            dir = dataDirectory.privateSubdirectory("db");
            FilePermissions.restrictFilesToOwner(dir);
            // PostgreSQL mode lets the same migrations and queries run on both databases.
            config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("claribi")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                    // Closed by the pool at shutdown, after the last writes, not by H2's own JVM hook before them.
                    + ";DB_CLOSE_ON_EXIT=FALSE");
            config.setUsername("sa");
            config.setPassword("");
        } else {
            String url = properties.databaseUrl().trim();
            if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
                throw new IllegalArgumentException(
                        "CLARIBI_DATABASE_URL must be a jdbc:postgresql:// URL, got " + url.replaceAll("\\?.*", ""));
            }
            config.setJdbcUrl(url);
            config.setUsername(properties.databaseUser());
            config.setPassword(properties.databasePassword());
        }
        config.setPoolName("claribi");
        config.setMaximumPoolSize(16);
        // Fail fast while the database is down: requests answer 503 instead of queueing for 30 s.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        if (dir != null) {
            // H2 creates its files with the umask's mode (as did earlier versions): the pool has just opened them.
            FilePermissions.restrictFilesToOwner(dir);
        }
        return dataSource;
    }
}
