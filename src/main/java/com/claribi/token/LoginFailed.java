package com.claribi.token;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import org.jspecify.annotations.Nullable;

/** A sign-in was refused: wrong credentials, or throttled. The password itself is never recorded. */
record LoginFailed(@Nullable Long userId, @Nullable Long organizationId, String email, String detail, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "login_failed";
    }
}
