package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The sudo-mode rule on its own: the window's boundary to the second, unknown proofs, API keys, the setting. */
class SudoModeUnitTests {

    private static final Instant NOW = Instant.parse("2026-06-15T10:30:00Z");

    private final SudoMode sudo = new SudoMode(properties(Duration.ofMinutes(15)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void requireWhenAuthTimeExactlyAtTheWindowThenAdmittedWithTheSessionId() {
        assertThat(sudo.require(ApiPrincipal.session(1, 2, "sid", NOW.minusSeconds(900))))
                .isEqualTo("sid");
    }

    @Test
    void requireWhenAuthTimeOneSecondPastTheWindowThenReauthenticationRequired() {
        assertRefused(ApiPrincipal.session(1, 2, "sid", NOW.minusSeconds(901)), "reauthentication_required");
    }

    @Test
    void requireWhenAuthTimeUnknownThenReauthenticationRequired() {
        assertRefused(ApiPrincipal.session(1, 2, "sid", null), "reauthentication_required");
    }

    @Test
    void requireWhenApiKeyThenPermissionDeniedWhateverItsScope() {
        assertRefused(new ApiPrincipal(1, 2, null, 3L, false), "permission_denied");
        assertRefused(new ApiPrincipal(1, 2, null, 3L, true), "permission_denied");
    }

    @Test
    void windowShorterThanOneSecondThenRefusedAtStart() {
        assertThatThrownBy(() -> properties(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CLARIBI_REAUTHENTICATION_WINDOW");
        assertThatThrownBy(() -> properties(Duration.ofMinutes(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static PlatformProperties properties(Duration reauthenticationWindow) {
        return TestPlatformProperties.of("on", "", reauthenticationWindow);
    }

    private void assertRefused(ApiPrincipal principal, String code) {
        assertThatThrownBy(() -> sudo.require(principal)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status().value()).isEqualTo(403);
        });
    }
}
