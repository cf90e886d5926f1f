package com.claribi.client.model;

/** Whether two-factor authentication is on, and how many recovery codes are left. */
public record MfaStatus(boolean enabled, int recoveryCodesRemaining) {}
