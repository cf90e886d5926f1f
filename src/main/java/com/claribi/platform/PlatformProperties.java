package com.claribi.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's settings, {@code claribi.platform.*}; each is also read under its documented name ({@code CLARIBI_PORT},
 * {@code --claribi.port}: see {@code DocumentedSettingNames}).
 *
 * @param port HTTPS port ({@code CLARIBI_PORT})
 * @param httpPort plain-HTTP port that refuses the API and redirects everything else; {@code 0} or {@code off}
 *     disables it
 * @param dataDir embedded database, TLS certificate and master key
 * @param tls {@code on} (default) or {@code off} behind a TLS-terminating proxy
 * @param trustedProxies comma-separated CIDRs whose {@code X-Forwarded-*} headers are believed
 * @param reauthenticationWindow how long a password proof admits sensitive operations ({@link SudoMode})
 * @param managementPort plain-HTTP port of the probes and metrics ({@code CLARIBI_MANAGEMENT_PORT}); {@code off}
 *     disables it
 * @param managementAddress the address the management port is bound to
 * @param logFormat {@code plain} or {@code json} (Elastic Common Schema, one object a line)
 * @param shutdownGrace how long, once a shutdown begins, new requests are still served while readiness says 503, so
 *     that a proxy stops sending before the server stops listening
 * @param databasePoolSize the most database connections the process holds
 */
@ConfigurationProperties("claribi.platform")
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
        @Nullable String databasePassword,
        @DefaultValue("PT15M") Duration reauthenticationWindow,
        @DefaultValue("9090") String managementPort,
        @DefaultValue("127.0.0.1") String managementAddress,
        @DefaultValue("plain") String logFormat,
        @DefaultValue("PT10S") Duration shutdownGrace,
        @DefaultValue("16") int databasePoolSize) {

    /** The largest grace period accepted: a proxy notices a failing check within seconds. */
    static final Duration LONGEST_SHUTDOWN_GRACE = Duration.ofMinutes(5);

    public PlatformProperties {
        if (reauthenticationWindow.isNegative() || reauthenticationWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("CLARIBI_REAUTHENTICATION_WINDOW must be at least one second");
        }
        if (managementPort(managementPort) == null) {
            throw new IllegalArgumentException(
                    "CLARIBI_MANAGEMENT_PORT must be a port number (1-65535), 0 (any free port) or off: "
                            + managementPort);
        }
        Integer management = managementPort(managementPort);
        if (management != null && management > 0 && management == port) {
            // Spring Boot would serve the probes and metrics on the API's port, where nothing must be unauthenticated;
            // and the server's Spring AOT start was built with a management context of its own.
            throw new IllegalArgumentException("CLARIBI_MANAGEMENT_PORT must differ from CLARIBI_PORT (" + port
                    + "): the probes and metrics need a port of their own, or off");
        }
        if (IpAddresses.canonical(managementAddress.trim()) == null) {
            throw new IllegalArgumentException(
                    "CLARIBI_MANAGEMENT_ADDRESS must be an IP address (127.0.0.1, ::1, 0.0.0.0): " + managementAddress);
        }
        if (jsonLogs(logFormat) == null) {
            throw new IllegalArgumentException("CLARIBI_LOG_FORMAT must be plain or json: " + logFormat);
        }
        if (shutdownGrace.isNegative() || shutdownGrace.compareTo(LONGEST_SHUTDOWN_GRACE) > 0) {
            throw new IllegalArgumentException(
                    "CLARIBI_SHUTDOWN_GRACE must be between PT0S and " + LONGEST_SHUTDOWN_GRACE + ": " + shutdownGrace);
        }
        if (databasePoolSize < 1 || databasePoolSize > 1000) {
            throw new IllegalArgumentException(
                    "CLARIBI_DATABASE_POOL_SIZE must be between 1 and 1000: " + databasePoolSize);
        }
    }

    /**
     * The management port as Spring Boot's {@code management.server.port} takes it ({@code -1} when disabled), or
     * null when {@code value} is not a valid setting.
     */
    public static @Nullable Integer managementPort(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off") || v.equals("false") || v.equals("no")) {
            return -1;
        }
        try {
            int port = Integer.parseInt(v);
            return port >= 0 && port <= 65535 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code value} asks for JSON logs, or null when it is neither {@code plain} nor {@code json}. */
    public static @Nullable Boolean jsonLogs(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> true;
            case "plain" -> false;
            default -> null;
        };
    }

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
