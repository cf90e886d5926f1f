package com.claribi.audit.web;

import com.claribi.audit.AuditQueries;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit-events/}: the organization's security events, for administrators; read-only. */
@RestController
class AuditEventsController {

    private final AuditQueries queries;

    AuditEventsController(AuditQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/audit-events")
    Page<?> list(
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String user,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until,
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(name = "page_size", required = false) @Nullable String pageSize,
            HttpServletRequest request) {
        return queries.list(
                CurrentPrincipal.get(),
                type,
                user,
                since,
                until,
                PageRequest.of(page, pageSize),
                PageLinks.of(request));
    }
}
