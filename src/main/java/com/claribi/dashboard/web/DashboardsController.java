package com.claribi.dashboard.web;

import com.claribi.dashboard.Dashboard;
import com.claribi.dashboard.DashboardInput;
import com.claribi.dashboard.DashboardManagement;
import com.claribi.platform.BodyFields;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.JsonBody;
import com.claribi.platform.Locations;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
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

/** {@code /api/dashboards/}: the caller's organization's dashboards. */
@RestController
@Tag(name = "Dashboards")
record DashboardsController(DashboardManagement dashboards) {

    private static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 2000;
    private static final BodyFields BODY =
            new BodyFields(List.of("name", "description"), Set.of("id", "created_at", "updated_at"));

    @Operation(
            operationId = "listDashboards",
            summary = "List dashboards",
            description = "The organization's dashboards, ordered by id, a page at a time.")
    @GetMapping("/api/dashboards")
    Page<Dashboard> list(PageRequest page, PageLinks links) {
        return dashboards.list(CurrentPrincipal.get(), page, links);
    }

    @Operation(
            operationId = "getDashboard",
            summary = "Get a dashboard",
            description = "One dashboard of the organization; another organization's is 404, as a missing one.")
    @GetMapping("/api/dashboards/{id}")
    Dashboard get(@PathVariable String id) {
        return dashboards.get(CurrentPrincipal.get(), id);
    }

    @Operation(
            operationId = "createDashboard",
            summary = "Create a dashboard",
            description = "Creates a dashboard (administrators and editors): 201 with the dashboard and its Location.")
    @PostMapping("/api/dashboards")
    @ResponseStatus(HttpStatus.CREATED)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Fields.class)))
    ResponseEntity<Dashboard> create(@RequestBody JsonNode body, HttpServletRequest request) {
        Dashboard created = dashboards.create(CurrentPrincipal.get(), BODY.read(body, DashboardsController::whole));
        return Locations.created(request, "/api/dashboards/", created.id(), created);
    }

    @Operation(
            operationId = "replaceDashboard",
            summary = "Replace a dashboard",
            description = "Replaces every writable field: a missing optional one goes back to its default.")
    @PutMapping("/api/dashboards/{id}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Fields.class)))
    Dashboard replace(@PathVariable String id, @RequestBody JsonNode body) {
        return dashboards.change(CurrentPrincipal.get(), id, BODY.read(body, DashboardsController::whole));
    }

    @Operation(
            operationId = "updateDashboard",
            summary = "Update a dashboard",
            description = "Changes only the fields sent.")
    @PatchMapping("/api/dashboards/{id}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Fields.class)))
    Dashboard update(@PathVariable String id, @RequestBody JsonNode body) {
        return dashboards.change(CurrentPrincipal.get(), id, BODY.read(body, DashboardsController::changes));
    }

    @Operation(
            operationId = "deleteDashboard",
            summary = "Delete a dashboard",
            description = "Deletes the dashboard; its reports keep existing with dashboard null. 204.")
    @DeleteMapping("/api/dashboards/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        dashboards.delete(CurrentPrincipal.get(), id);
    }

    /** POST and PUT: name required, an empty description by default. */
    private static DashboardInput whole(JsonBody fields) {
        return new DashboardInput(
                fields.requiredText("name", MAX_NAME), fields.text("description", MAX_DESCRIPTION, ""));
    }

    /** PATCH: the fields sent; the others keep their values. */
    private static DashboardInput changes(JsonBody fields) {
        return new DashboardInput(
                fields.has("name") ? fields.requiredText("name", MAX_NAME) : null,
                fields.has("description") ? fields.text("description", MAX_DESCRIPTION, "") : null);
    }

    /** What a client sends (the body is read field by field; this record only describes it). */
    @Schema(name = "DashboardFields", description = "POST and PUT: name required; PATCH: only the fields sent change")
    record Fields(
            @Schema(maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            @Schema(maxLength = 2000, defaultValue = "") @Nullable
            String description) {}
}
