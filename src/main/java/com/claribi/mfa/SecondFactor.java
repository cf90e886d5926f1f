package com.claribi.mfa;

import org.jspecify.annotations.Nullable;

/** The codes a login may carry besides the password: an authenticator code or a recovery code. */
public record SecondFactor(
        @Nullable String totpCode, @Nullable String recoveryCode) {

    public static final SecondFactor NONE = new SecondFactor(null, null);

    boolean absent() {
        return isBlank(totpCode) && isBlank(recoveryCode);
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "SecondFactor[totpCode=" + (isBlank(totpCode) ? "none" : "given") + ", recoveryCode="
                + (isBlank(recoveryCode) ? "none" : "given") + "]";
    }
}
