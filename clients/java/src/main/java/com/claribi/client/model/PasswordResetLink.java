package com.claribi.client.model;

import java.time.Instant;

/** A single-use password-reset link for an administrator to hand over. */
public record PasswordResetLink(String resetUrl, Instant expiresAt) {}
