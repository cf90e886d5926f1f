package com.claribi.datasource.web;

import com.claribi.datasource.DataSource;
import com.claribi.datasource.DataSourceInput;
import com.claribi.datasource.DataSourceManagement;
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
import java.util.Map;
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
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code /api/data-sources/}: the caller's organization's data sources. */
@RestController
@Tag(name = "Data sources")
record DataSourcesController(DataSourceManagement dataSources) {

    private static final int MAX_NAME = 200;
    private static final Set<String> TYPES = Set.of("postgresql", "mysql", "bigquery", "snowflake", "csv", "rest_api");
    private static final String TYPES_TEXT =
            "one of \"postgresql\", \"mysql\", \"bigquery\", \"snowflake\", \"csv\", \"rest_api\"";
    private static final BodyFields BODY = new BodyFields(
            List.of("name", "type", "config", "secrets"), Set.of("id", "secret_fields", "created_at", "updated_at"));

    @Operation(
            operationId = "listDataSources",
            summary = "List data sources",
            description = "The organization's data sources, ordered by id, a page at a time, without their secrets.")
    @GetMapping("/api/data-sources")
    Page<DataSource> list(PageRequest page, PageLinks links) {
        return dataSources.list(CurrentPrincipal.get(), page, links);
    }

    @Operation(
            operationId = "getDataSource",
            summary = "Get a data source",
            description =
                    "One data source of the organization, without its secrets (secret_fields lists where they are set).")
    @GetMapping("/api/data-sources/{id}")
    DataSource get(@PathVariable String id) {
        return dataSources.get(CurrentPrincipal.get(), id);
    }

    @Operation(
            operationId = "createDataSource",
            summary = "Create a data source",
            description =
                    "Creates a data source (administrators and editors). Secret values go in the write-only secrets object; values of config that look secret are moved there too. 201 with the data source and its Location.")
    @PostMapping("/api/data-sources")
    @ResponseStatus(HttpStatus.CREATED)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Fields.class)))
    ResponseEntity<DataSource> create(@RequestBody JsonNode body, HttpServletRequest request) {
        DataSource created = dataSources.create(CurrentPrincipal.get(), BODY.read(body, DataSourcesController::whole));
        return Locations.created(request, "/api/data-sources/", created.id(), created);
    }

    @Operation(
            operationId = "replaceDataSource",
            summary = "Replace a data source",
            description = "Replaces the whole data source, its secrets included: a secret not stated again is removed.")
    @PutMapping("/api/data-sources/{id}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Fields.class)))
    DataSource replace(@PathVariable String id, @RequestBody JsonNode body) {
        return dataSources.replace(CurrentPrincipal.get(), id, BODY.read(body, DataSourcesController::whole));
    }

    @Operation(
            operationId = "updateDataSource",
            summary = "Update a data source",
            description =
                    "Applies config, then secrets, as JSON Merge Patches (RFC 7396): keys sent replace, keys sent as null are removed, and anything not sent, secrets included, keeps its value.")
    @PatchMapping("/api/data-sources/{id}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Fields.class)))
    DataSource update(@PathVariable String id, @RequestBody JsonNode body) {
        return dataSources.update(CurrentPrincipal.get(), id, BODY.read(body, DataSourcesController::changes));
    }

    @Operation(
            operationId = "deleteDataSource",
            summary = "Delete a data source",
            description = "Deletes the data source and its secrets. 204.")
    @DeleteMapping("/api/data-sources/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        dataSources.delete(CurrentPrincipal.get(), id);
    }

    /** POST and PUT: name and type required; config and secrets {} if missing, so they are replaced whole. */
    private static DataSourceInput whole(JsonBody fields) {
        return new DataSourceInput(
                fields.requiredText("name", MAX_NAME),
                fields.requiredChoice("type", TYPES, TYPES_TEXT),
                fields.object("config", JsonNodeFactory.instance.objectNode()),
                fields.object("secrets", JsonNodeFactory.instance.objectNode()));
    }

    /** PATCH: the fields sent; config and secrets are merge patches of the stored configuration. */
    private static DataSourceInput changes(JsonBody fields) {
        return new DataSourceInput(
                fields.has("name") ? fields.requiredText("name", MAX_NAME) : null,
                fields.has("type") ? fields.requiredChoice("type", TYPES, TYPES_TEXT) : null,
                fields.object("config", null),
                fields.object("secrets", null));
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
}
