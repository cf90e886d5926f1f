package com.claribi.datasource.web;

import com.claribi.datasource.DataSource;
import com.claribi.datasource.DataSourceManagement;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.HttpsPolicy;
import com.claribi.platform.Page;
import com.claribi.platform.PageRequest;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
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

/** {@code /api/data-sources/}: the caller's organization's dataSources. */
@RestController
class DataSourcesController {

    private final DataSourceManagement dataSources;

    DataSourcesController(DataSourceManagement dataSources) {
        this.dataSources = dataSources;
    }

    /** What a client sends (the body is read field by field; this record only describes it). */
    @Schema(
            name = "DataSourceFields",
            description = "POST and PUT: name and type required; PATCH: only the fields sent change, and config is"
                    + " merged as a JSON Merge Patch (RFC 7396), so secrets not sent are kept")
    record Fields(
            @Schema(maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            @Schema(
                    allowableValues = {"postgresql", "mysql", "bigquery", "snowflake", "csv", "rest_api"},
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String type,

            @Schema(
                    description = "connection settings; secret values (password, token, secret, private key, API key"
                            + " fields) are write-only and listed in the response's secret_fields")
            @Nullable
            Map<String, Object> config) {}

    @GetMapping("/api/data-sources")
    Page<DataSource> list(
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(name = "page_size", required = false) @Nullable String pageSize,
            HttpServletRequest request) {
        return dataSources.list(CurrentPrincipal.get(), PageRequest.of(page, pageSize), request);
    }

    @PostMapping("/api/data-sources")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<DataSource> create(
            @RequestBody
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Fields.class)))
                    JsonNode body,
            HttpServletRequest request) {
        DataSource created = dataSources.create(CurrentPrincipal.get(), body);
        return ResponseEntity.created(
                        URI.create(HttpsPolicy.externalBase(request) + "/api/data-sources/" + created.id() + "/"))
                .body(created);
    }

    @GetMapping("/api/data-sources/{id}")
    DataSource get(@PathVariable String id) {
        return dataSources.get(CurrentPrincipal.get(), id);
    }

    @PutMapping("/api/data-sources/{id}")
    DataSource replace(
            @PathVariable String id,
            @RequestBody
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Fields.class)))
                    JsonNode body) {
        return dataSources.replace(CurrentPrincipal.get(), id, body);
    }

    @PatchMapping("/api/data-sources/{id}")
    DataSource update(
            @PathVariable String id,
            @RequestBody
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Fields.class)))
                    JsonNode body) {
        return dataSources.update(CurrentPrincipal.get(), id, body);
    }

    @DeleteMapping("/api/data-sources/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        dataSources.delete(CurrentPrincipal.get(), id);
    }
}
