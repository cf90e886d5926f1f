package com.claribi.client;

import com.claribi.client.model.AuditEvent;
import com.claribi.client.model.AuditQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The organization's security events ({@code /api/audit-events/}; administrators). */
public final class AuditEvents {

    private final ApiCalls calls;

    AuditEvents(ApiCalls calls) {
        this.calls = calls;
    }

    public Stream<AuditEvent> list() {
        return list(AuditQuery.all());
    }

    public Stream<AuditEvent> list(AuditQuery query) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("type", query.type());
        parameters.put("user", query.user());
        parameters.put("since", query.since());
        parameters.put("until", query.until());
        return calls.stream("/api/audit-events/", parameters, AuditEvent.class);
    }
}
