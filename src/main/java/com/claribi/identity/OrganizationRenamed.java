package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;

/** An administrator renamed the organization. */
record OrganizationRenamed(Long organizationId, Long userId, String from, String to, ClientInfo client)
        implements SecurityEvent {

    @Override
    public String type() {
        return "organization_renamed";
    }

    @Override
    public String detail() {
        return "from \"" + from + "\" to \"" + to + "\"";
    }
}
