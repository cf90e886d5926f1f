package com.claribi.platform;

import org.jspecify.annotations.Nullable;

/**
 * A security-relevant fact that happened (a login, a revocation, a key rotation), published by the module where it
 * happened; the audit module stores every one without knowing the modules that publish them.
 */
public interface SecurityEvent {

    /** A snake_case name such as {@code login_failed}. */
    String type();

    @Nullable
    Long organizationId();

    @Nullable
    Long userId();

    default @Nullable String email() {
        return null;
    }

    default @Nullable ClientInfo client() {
        return null;
    }

    /** A short description with the specifics; never a secret. */
    default String detail() {
        return "";
    }
}
