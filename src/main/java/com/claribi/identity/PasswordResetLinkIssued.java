package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** An administrator made a single-use password-reset link for a user of their organization, to hand over. */
public record PasswordResetLinkIssued(
        Long userId, Long organizationId, String email, Long administratorId, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "password_reset_link_issued";
    }

    @Override
    public String detail() {
        return "by administrator " + administratorId;
    }
}
