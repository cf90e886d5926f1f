package com.claribi.token;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import org.jspecify.annotations.Nullable;

/** A new signing key was started; the previous ones stay published until their tokens expire. */
record SigningKeyRotated(String kid, ClientInfo client) implements SecurityEvent {

    @Override
    public String type() {
        return "signing_key_rotated";
    }

    @Override
    public @Nullable Long organizationId() {
        return null;
    }

    @Override
    public @Nullable Long userId() {
        return null;
    }

    @Override
    public String detail() {
        return "new key " + kid;
    }
}
