package com.claribi.report.web;

import com.claribi.platform.BodyFields;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.JsonBody;
import com.claribi.platform.Locations;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.report.Report;
import com.claribi.report.ReportInput;
import com.claribi.report.ReportManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/reports/}: the caller's organization's reports. */
@RestController
@Tag(name = "Reports")
record ReportsController(ReportManagement reports) {

    private static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 2000;
    private static final Set<String> SCHEDULES = Set.of("daily", "weekly", "monthly");
    private static final BodyFields BODY = new BodyFields(
            List.of("name", "description", "dashboard", "schedule"), Set.of("id", "created_at", "updated_at"));

    @Operation(
            operationId = "listReports",
            summary = "List reports",
            description = "The organization's reports, ordered by id, a page at a time.")
    @GetMapping("/api/reports")
    Page<Report> list(PageRequest page, PageLinks links) {
        return reports.list(CurrentPrincipal.get(), page, links);
    }

    @Operation(
            operationId = "getReport",
            summary = "Get a report",
            description = "One report of the organization; another organization's is 404, as a missing one.")
    @GetMapping("/api/reports/{id}")
    Report get(@PathVariable String id) {
        return reports.get(CurrentPrincipal.get(), id);
    }

    @Operation(
            operationId = "createReport",
            summary = "Create a report",
            description =
                    "Creates a report (administrators and editors), optionally on a dashboard of the same organization and on a schedule: 201 with the report and its Location.")
    @PostMapping("/api/reports")
    @ResponseStatus(HttpStatus.CREATED)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Fields.class)))
    ResponseEntity<Report> create(@RequestBody JsonNode body, HttpServletRequest request) {
        Report created = reports.create(CurrentPrincipal.get(), BODY.read(body, ReportsController::whole));
        return Locations.created(request, "/api/reports/", created.id(), created);
    }

    @Operation(
            operationId = "replaceReport",
            summary = "Replace a report",
            description =
                    "Replaces every writable field: a missing optional one goes back to its default (dashboard and schedule null).")
    @PutMapping("/api/reports/{id}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Fields.class)))
    Report replace(@PathVariable String id, @RequestBody JsonNode body) {
        return reports.change(CurrentPrincipal.get(), id, BODY.read(body, ReportsController::whole));
    }

    @Operation(
            operationId = "updateReport",
            summary = "Update a report",
            description = "Changes only the fields sent; null clears dashboard or schedule.")
    @PatchMapping("/api/reports/{id}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Fields.class)))
    Report update(@PathVariable String id, @RequestBody JsonNode body) {
        return reports.change(CurrentPrincipal.get(), id, BODY.read(body, ReportsController::changes));
    }

    @Operation(operationId = "deleteReport", summary = "Delete a report", description = "Deletes the report. 204.")
    @DeleteMapping("/api/reports/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        reports.delete(CurrentPrincipal.get(), id);
    }

    /** POST and PUT: every field, name required; an empty description, no dashboard and no schedule by default. */
    private static ReportInput whole(JsonBody fields) {
        return read(fields, Set.copyOf(BODY.writable()));
    }

    /** PATCH: the fields sent; the others keep their values. */
    private static ReportInput changes(JsonBody fields) {
        return read(
                fields, Set.copyOf(BODY.writable().stream().filter(fields::has).toList()));
    }

    /** The fields in {@code sent}; the others count as not sent. */
    private static ReportInput read(JsonBody fields, Set<String> sent) {
        return new ReportInput(
                sent.contains("name") ? fields.requiredText("name", MAX_NAME) : null,
                fields.text("description", MAX_DESCRIPTION, ""),
                fields.idOrNull("dashboard"),
                fields.choiceOrNull("schedule", SCHEDULES, "null, \"daily\", \"weekly\" or \"monthly\""),
                sent);
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
}
