package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/**
 * Someone asked for a password-reset email for this (known, active) account; {@code outcome} says whether it was sent
 * ("emailed") or not and why. Requests for unknown emails leave no event: they name no account.
 */
public record PasswordResetRequested(Long userId, Long organizationId, String email, String outcome, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "password_reset_requested";
    }

    @Override
    public String detail() {
        return outcome;
    }
}
