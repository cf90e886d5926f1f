package com.claribi.client.model;

import java.util.List;

/** Two-factor authentication switched on, with its single-use recovery codes. */
public record MfaConfirmation(boolean enabled, List<String> recoveryCodes) {

    /** Prints the recovery codes as {@code ***}. */
    @Override
    public String toString() {
        return "MfaConfirmation[enabled=" + enabled + ", recoveryCodes=" + Redacted.of(recoveryCodes) + "]";
    }
}
