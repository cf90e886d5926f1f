package com.claribi.platform;

import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-wide settings, read from {@code CLARIBI_*} environment variables or {@code claribi.*} properties.
 *
 * @param port HTTPS port ({@code CLARIBI_PORT})
 * @param httpPort plain-HTTP port that refuses the API and redirects everything else; {@code 0} or {@code off}
 *     disables it
 * @param dataDir embedded database, TLS certificate and master key
 * @param tls {@code on} (default) or {@code off} behind a TLS-terminating proxy
 * @param trustedProxies comma-separated CIDRs whose {@code X-Forwarded-*} headers are believed
 */
@ConfigurationProperties("claribi")
public record PlatformProperties(
        @DefaultValue("8443") int port,
        @DefaultValue("8080") String httpPort,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("on") String tls,
        @Nullable String tlsCert,
        @Nullable String tlsKey,
        @DefaultValue("") String trustedProxies,
        @Nullable String masterKey,
        @Nullable String databaseUrl,
        @Nullable String databaseUser,
        @Nullable String databasePassword) {

    public boolean tlsEnabled() {
        return !isOff(tls);
    }

    /** The plain-HTTP port, or -1 when it is disabled. */
    public int plainHttpPort() {
        if (isOff(httpPort) || httpPort.isBlank()) {
            return -1;
        }
        try {
            int value = Integer.parseInt(httpPort.trim());
            return value == 0 ? -1 : value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CLARIBI_HTTP_PORT must be a port number, 0 or off: " + httpPort);
        }
    }

    public boolean embeddedDatabase() {
        return databaseUrl == null || databaseUrl.isBlank();
    }

    private static boolean isOff(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("off") || v.equals("false") || v.equals("no") || v.equals("0");
    }
}
