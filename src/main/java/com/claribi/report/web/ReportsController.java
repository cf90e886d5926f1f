package com.claribi.report.web;

import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.HttpsPolicy;
import com.claribi.platform.Page;
import com.claribi.platform.PageRequest;
import com.claribi.report.Report;
import com.claribi.report.ReportManagement;
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

/** {@code /api/reports/}: the caller's organization's reports. */
@RestController
class ReportsController {

    private final ReportManagement reports;

    ReportsController(ReportManagement reports) {
        this.reports = reports;
    }

    /** What a client sends (the body is read field by field; this record only describes it). */
    @Schema(name = "ReportFields", description = "POST and PUT: name required; PATCH: only the fields sent change")
    record Fields(
            @Schema(maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            @Schema(maxLength = 2000, defaultValue = "") @Nullable
            String description,

            @Schema(description = "a dashboard of the same organization, or null") @Nullable
            Long dashboard,

            @Schema(
                    allowableValues = {"daily", "weekly", "monthly"},
                    nullable = true)
            @Nullable
            String schedule) {}

    @GetMapping("/api/reports")
    Page<Report> list(
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(name = "page_size", required = false) @Nullable String pageSize,
            HttpServletRequest request) {
        return reports.list(CurrentPrincipal.get(), PageRequest.of(page, pageSize), request);
    }

    @PostMapping("/api/reports")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Report> create(
            @RequestBody
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Fields.class)))
                    JsonNode body,
            HttpServletRequest request) {
        Report created = reports.create(CurrentPrincipal.get(), body);
        return ResponseEntity.created(
                        URI.create(HttpsPolicy.externalBase(request) + "/api/reports/" + created.id() + "/"))
                .body(created);
    }

    @GetMapping("/api/reports/{id}")
    Report get(@PathVariable String id) {
        return reports.get(CurrentPrincipal.get(), id);
    }

    @PutMapping("/api/reports/{id}")
    Report replace(
            @PathVariable String id,
            @RequestBody
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Fields.class)))
                    JsonNode body) {
        return reports.replace(CurrentPrincipal.get(), id, body);
    }

    @PatchMapping("/api/reports/{id}")
    Report update(
            @PathVariable String id,
            @RequestBody
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Fields.class)))
                    JsonNode body) {
        return reports.update(CurrentPrincipal.get(), id, body);
    }

    @DeleteMapping("/api/reports/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        reports.delete(CurrentPrincipal.get(), id);
    }
}
