package com.claribi.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Sudo mode: the one check of every sensitive operation (MFA changes, creating and rotating API keys, writes to users
 * and the organization). It needs a session, never an API key, whose user proved their password (the access token's
 * {@code auth_time}, OIDC Core section 2) within {@code CLARIBI_REAUTHENTICATION_WINDOW}; a stolen access token, or
 * one a stolen refresh token minted, is then not enough to take over the account.
 */
@Component
public final class SudoMode {

    private final Duration window;
    private final Clock clock;

    SudoMode(PlatformProperties properties, Clock clock) {
        this.window = properties.reauthenticationWindow();
        this.clock = clock;
    }

    /**
     * Returns the session id when the principal may perform a sensitive operation; otherwise throws 403
     * {@code permission_denied} for an API key and 403 {@code reauthentication_required} for a session whose password
     * proof is older than the window (or unknown).
     */
    public String require(ApiPrincipal principal) {
        String session = principal.requireSession();
        Instant authTime = principal.authTime();
        // auth_time is in whole seconds: a proof is within the window up to and including window seconds later.
        if (authTime == null || clock.instant().getEpochSecond() - authTime.getEpochSecond() > window.toSeconds()) {
            throw ApiException.reauthenticationRequired();
        }
        return session;
    }
}
