package com.claribi.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** Where a request came from, as recorded in audit events and throttles. */
public record ClientInfo(String address, @Nullable String userAgent) {

    public static final ClientInfo COMMAND_LINE = new ClientInfo("local", "bin/claribi");

    public static ClientInfo of(HttpServletRequest request, HttpsPolicy policy) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > 512) {
            agent = agent.substring(0, 512);
        }
        String address = policy.clientAddress(request);
        return new ClientInfo(address.length() > 64 ? address.substring(0, 64) : address, agent);
    }
}
