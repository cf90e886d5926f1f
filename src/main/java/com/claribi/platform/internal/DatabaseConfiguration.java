package com.claribi.platform.internal;

import com.claribi.platform.DataDirectory;
import com.claribi.platform.PlatformProperties;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Where the database is: the embedded H2 file database under the data directory, or PostgreSQL when
 * {@code CLARIBI_DATABASE_URL} is set. Spring Boot builds the Hikari pool from these details and binds
 * {@code spring.datasource.hikari.*} onto it (the defaults are in {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    // Not lazy in the command line's lazy context either: the embedded database's files are tightened once started.
    @Bean
    @Lazy(false)
    JdbcConnectionDetails jdbcConnectionDetails(PlatformProperties properties, DataDirectory dataDirectory)
            throws IOException {
        if (properties.embeddedDatabase()) {
            return new EmbeddedDatabase(dataDirectory.privateSubdirectory("db"));
        }
        String url = properties.databaseUrl().trim();
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException(
                    "CLARIBI_DATABASE_URL must be a jdbc:postgresql:// URL, got " + url.replaceAll("\\?.*", ""));
        }
        return new ExternalDatabase(url, properties.databaseUser(), properties.databasePassword());
    }

    /** The database of {@code CLARIBI_DATABASE_URL}, {@code CLARIBI_DATABASE_USER} and {@code ..._PASSWORD}. */
    record ExternalDatabase(
            String url, @Nullable String username, @Nullable String password) implements JdbcConnectionDetails {

        @Override
        public String getJdbcUrl() {
            return url;
        }

        @Override
        public @Nullable String getUsername() {
            return username;
        }

        @Override
        public @Nullable String getPassword() {
            return password;
        }
    }
}
