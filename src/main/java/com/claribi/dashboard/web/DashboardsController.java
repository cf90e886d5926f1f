package com.claribi.dashboard.web;

import com.claribi.dashboard.Dashboard;
import com.claribi.dashboard.DashboardManagement;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.HttpsPolicy;
import com.claribi.platform.Page;
import com.claribi.platform.PageRequest;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/dashboards/}: the caller's organization's dashboards. */
@RestController
class DashboardsController {

    private final DashboardManagement dashboards;

    DashboardsController(DashboardManagement dashboards) {
        this.dashboards = dashboards;
    }

    /** What a client sends (the body is read field by field; this record only describes it). */
    @Schema(name = "DashboardFields", description = "POST and PUT: name required; PATCH: only the fields sent change")
    record Fields(
            @Schema(maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            @Schema(maxLength = 2000, defaultValue = "") @Nullable
            String description) {}

    @GetMapping("/api/dashboards")
    Page<Dashboard> list(
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(name = "page_size", required = false) @Nullable String pageSize,
            HttpServletRequest request) {
        return dashboards.list(CurrentPrincipal.get(), PageRequest.of(page, pageSize), request);
    }

    @PostMapping("/api/dashboards")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Dashboard> create(
            @RequestBody
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Fields.class)))
                    JsonNode body,
            HttpServletRequest request) {
        Dashboard created = dashboards.create(CurrentPrincipal.get(), body);
        return ResponseEntity.created(
                        URI.create(HttpsPolicy.externalBase(request) + "/api/dashboards/" + created.id() + "/"))
                .body(created);
    }

    @GetMapping("/api/dashboards/{id}")
    Dashboard get(@PathVariable String id) {
        return dashboards.get(CurrentPrincipal.get(), id);
    }

    @PutMapping("/api/dashboards/{id}")
    Dashboard replace(
            @PathVariable String id,
            @RequestBody
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Fields.class)))
                    JsonNode body) {
        return dashboards.replace(CurrentPrincipal.get(), id, body);
    }

    @PatchMapping("/api/dashboards/{id}")
    Dashboard update(
            @PathVariable String id,
            @RequestBody
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Fields.class)))
                    JsonNode body) {
        return dashboards.update(CurrentPrincipal.get(), id, body);
    }

    @DeleteMapping("/api/dashboards/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        dashboards.delete(CurrentPrincipal.get(), id);
    }
}
