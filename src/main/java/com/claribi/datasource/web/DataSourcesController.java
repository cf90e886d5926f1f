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
            description = "POST and PUT: name and type required; config and secrets replaced whole ({} if missing, so"
                    + " PUT drops a secret not sent again). PATCH: only the fields sent change, and config and secrets"
                    + " are merged as JSON Merge Patches (RFC 7396), so secrets not sent are kept and a secret sent as"
                    + " null is removed")
    record Fields(
            @Schema(maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            @Schema(
                    allowableValues = {"postgresql", "mysql", "bigquery", "snowflake", "csv", "rest_api"},
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String type,

            @Schema(
                    description = "connection settings, at most 32 levels deep, returned as sent except for values"
                            + " that look secret (keys such as password, secret, token, *key, pw, pwd, auth*, X-Auth,"
                            + " credential, signature, sig; URLs with a password or a secret query parameter such as"
                            + " api_key; PEM blocks; Bearer/Basic values; connection strings and header lines with"
                            + " such names), which are moved to the secrets as a safety net")
            @Nullable
            Map<String, Object> config,

            @Schema(
                    description = "write-only secret values, the same shape as config and merged into it on use;"
                            + " never returned: the response's secret_fields lists their paths (keys joined by '.',"
                            + " array indexes as [n], and '\\', '.' and '[' inside a key escaped by a '\\'). A"
                            + " value may not be in both config and secrets; at most 32 levels deep")
            @Nullable
            Map<String, Object> secrets) {}

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
