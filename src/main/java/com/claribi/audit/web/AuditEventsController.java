package com.claribi.audit.web;

import com.claribi.audit.AuditEvent;
import com.claribi.audit.AuditQueries;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit-events/}: the organization's security events, for administrators; read-only. */
@RestController
@Tag(name = "Audit events")
record AuditEventsController(AuditQueries queries) {

    @Operation(
            operationId = "listAuditEvents",
            summary = "List audit events",
            description =
                    "The organization's security events (administrators), filtered by type, user id and a time range (since and until, ISO-8601, both inclusive to the second).")
    @GetMapping("/api/audit-events")
    Page<AuditEvent> list(
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String user,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until,
            PageRequest page,
            PageLinks links) {
        return queries.list(CurrentPrincipal.get(), type, user, since, until, page, links);
    }
}
