package com.claribi.client.model;

import java.time.Instant;

/** A single-use password-reset link for an administrator to hand over. */
public record PasswordResetLink(String resetUrl, Instant expiresAt) {

    /** Prints the link, which carries the reset token, as {@code ***}. */
    @Override
    public String toString() {
        return "PasswordResetLink[resetUrl=" + Redacted.of(resetUrl) + ", expiresAt=" + expiresAt + "]";
    }
}
