package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/**
 * A password check inside a signed-in session was refused ({@code where}: the password change's old password): wrong,
 * or not checked because the failed-attempt budgets were spent. The password itself is never recorded.
 */
record PasswordCheckFailed(
        Long userId, Long organizationId, String email, String where, String reason, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "password_check_failed";
    }

    @Override
    public String detail() {
        return where + ": " + reason;
    }
}
