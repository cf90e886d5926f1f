package com.claribi.apikey.web;

import com.claribi.apikey.ApiKeyActivityQueries;
import com.claribi.apikey.ApiKeyManagement;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/api-keys/}: a signed-in user's keys. */
@RestController
@Tag(name = "API keys")
record ApiKeysController(ApiKeyManagement keys, ApiKeyActivityQueries activity) {

    /**
     * {@code expires_at} is a JSON node so that leaving it out (the 90-day default) differs from sending {@code null}
     * (a key that never expires): Jackson gives null for a missing node and a null node for {@code null}.
     */
    record NewKey(
            @Nullable String name,
            @Nullable String scope,

            @Schema(
                    implementation = String.class,
                    types = {"string", "null"},
                    format = "date-time",
                    description = "When the key stops working; 90 days after creation when left out, never when null")
            @Nullable
            JsonNode expiresAt) {

        ApiKeyManagement.RequestedExpiry expiry() {
            if (expiresAt == null) {
                return ApiKeyManagement.RequestedExpiry.DEFAULT;
            }
            if (expiresAt.isNull()) {
                return ApiKeyManagement.RequestedExpiry.NEVER;
            }
            return ApiKeyManagement.RequestedExpiry.at(
                    expiresAt.isString() ? expiresAt.stringValue() : expiresAt.toString());
        }
    }

    record Rotation(@Nullable Long gracePeriodSeconds) {}

    @Operation(
            operationId = "createApiKey",
            summary = "Create an API key",
            description =
                    "Creates a key for the signed-in user with a name, a scope (read_only or read_write) and an optional expiry (90 days by default; null for none). The answer carries the full secret in key, shown this once; only its hash is stored. Needs a session and a recent password proof.")
    @PostMapping("/api/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyManagement.KeyView create(@RequestBody NewKey body, ClientInfo client) {
        return keys.create(CurrentPrincipal.get(), body.name(), body.scope(), body.expiry(), client);
    }

    @Operation(
            operationId = "listApiKeys",
            summary = "List API keys",
            description = "The signed-in user's keys, ordered by id, never with their secrets.")
    @GetMapping("/api/api-keys")
    Page<ApiKeyManagement.KeyView> list(PageRequest page, PageLinks links) {
        return keys.list(CurrentPrincipal.get(), page, links);
    }

    @Operation(
            operationId = "getApiKey",
            summary = "Get an API key",
            description = "One of the signed-in user's keys, without its secret.")
    @GetMapping("/api/api-keys/{id}")
    ApiKeyManagement.KeyView get(@PathVariable long id) {
        return keys.get(CurrentPrincipal.get(), id);
    }

    @Operation(
            operationId = "revokeApiKey",
            summary = "Revoke an API key",
            description =
                    "Revokes the key: every server process refuses it within a second. Returns the key with revoked_at set.")
    @PostMapping("/api/api-keys/{id}/revoke")
    ApiKeyManagement.KeyView revoke(@PathVariable long id, ClientInfo client) {
        return keys.revoke(CurrentPrincipal.get(), id, client);
    }

    @Operation(
            operationId = "rotateApiKey",
            summary = "Rotate an API key",
            description =
                    "Creates a new key (a new secret, shown this once) with the same name, scope and expiry; the old key keeps working for grace_period_seconds (0 to 604800, 0 by default), then stops. Needs a recent password proof. 201.")
    @PostMapping("/api/api-keys/{id}/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyManagement.KeyView rotate(
            @PathVariable long id, @RequestBody(required = false) @Nullable Rotation body, ClientInfo client) {
        return keys.rotate(CurrentPrincipal.get(), id, body == null ? null : body.gracePeriodSeconds(), client);
    }

    @Operation(
            operationId = "listApiKeyActivity",
            summary = "List an API key's activity",
            description =
                    "The key's recent uses, newest first: time, method, path, status, address and user agent. A use shows here within 2 seconds; refused (429) uses are folded into one entry per minute whose count says how many.")
    @GetMapping("/api/api-keys/{id}/activity")
    Page<ApiKeyActivityQueries.UseView> activity(@PathVariable long id, PageRequest page, PageLinks links) {
        return activity.activity(CurrentPrincipal.get(), id, page, links);
    }
}
