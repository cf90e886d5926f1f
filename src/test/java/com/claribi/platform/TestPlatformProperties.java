package com.claribi.platform;

import java.nio.file.Path;
import java.time.Duration;

/** The platform's settings for unit tests: the defaults, but for what a test varies; no management port, no grace. */
final class TestPlatformProperties {

    private TestPlatformProperties() {}

    static PlatformProperties of(String tls, String trustedProxies, Duration reauthenticationWindow) {
        return new PlatformProperties(
                8443,
                "off",
                Path.of("."),
                tls,
                null,
                null,
                trustedProxies,
                null,
                null,
                null,
                null,
                reauthenticationWindow,
                "off",
                "127.0.0.1",
                "plain",
                Duration.ZERO,
                16);
    }
}
