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
        @DefaultValue("PT15M") Duration reauthenticationWindow) {

    public PlatformProperties {
        if (reauthenticationWindow.isNegative() || reauthenticationWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("CLARIBI_REAUTHENTICATION_WINDOW must be at least one second");
        }
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
