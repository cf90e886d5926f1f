package com.claribi.apikey.web;

import com.claribi.apikey.ApiKeyActivityQueries;
import com.claribi.apikey.ApiKeyAdministration;
import com.claribi.apikey.ApiKeyManagement;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/service-accounts/{id}/api-keys/}: a service account's keys, managed by the organization's administrators. */
@RestController
@Tag(name = "Service accounts")
record ServiceAccountApiKeysController(ApiKeyAdministration keys) {

    @Operation(
            operationId = "createServiceAccountApiKey",
            summary = "Create a service account's API key",
            description =
                    "Creates a key for an active service account, as POST /api/api-keys/ does for a user: a name, a scope (read_only or read_write) and an optional expiry (90 days by default; null for none). The key acts with the service account's role narrowed by its scope. The answer carries the full secret in key, shown this once. Administrators, with a session and a recent password proof. 201.")
    @PostMapping("/api/service-accounts/{id}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyManagement.KeyView create(
            @PathVariable String id, @RequestBody ApiKeysController.NewKey body, ClientInfo client) {
        return keys.createForServiceAccount(
                CurrentPrincipal.get(), id, body.name(), body.scope(), body.expiry(), client);
    }

    @Operation(
            operationId = "listServiceAccountApiKeys",
            summary = "List a service account's API keys",
            description =
                    "The service account's keys, ordered by id, never with their secrets. Administrators, with a session.")
    @GetMapping("/api/service-accounts/{id}/api-keys")
    Page<ApiKeyManagement.KeyView> list(@PathVariable String id, PageRequest page, PageLinks links) {
        return keys.listOfServiceAccount(CurrentPrincipal.get(), id, page, links);
    }

    @Operation(
            operationId = "revokeServiceAccountApiKey",
            summary = "Revoke a service account's API key",
            description =
                    "Revokes the key: every server process refuses it within a second. Returns the key with revoked_at set. Administrators, with a session.")
    @PostMapping("/api/service-accounts/{id}/api-keys/{key_id}/revoke")
    ApiKeyManagement.KeyView revoke(@PathVariable String id, @PathVariable("key_id") String keyId, ClientInfo client) {
        return keys.revokeOfServiceAccount(CurrentPrincipal.get(), id, keyId, client);
    }

    @Operation(
            operationId = "rotateServiceAccountApiKey",
            summary = "Rotate a service account's API key",
            description =
                    "Creates a new key (a new secret, shown this once) with the same name, scope and expiry; the old key keeps working for grace_period_seconds (0 to 604800, 0 by default), then stops. Administrators, with a session and a recent password proof. 201.")
    @PostMapping("/api/service-accounts/{id}/api-keys/{key_id}/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyManagement.KeyView rotate(
            @PathVariable String id,
            @PathVariable("key_id") String keyId,
            @RequestBody(required = false) ApiKeysController.@Nullable Rotation body,
            ClientInfo client) {
        return keys.rotateOfServiceAccount(
                CurrentPrincipal.get(), id, keyId, body == null ? null : body.gracePeriodSeconds(), client);
    }

    @Operation(
            operationId = "listServiceAccountApiKeyActivity",
            summary = "List a service account's API key's activity",
            description =
                    "The key's recent uses, newest first, as for one's own keys: time, method, path, status, address and user agent; refused (429) uses folded into one entry per minute with a count. Administrators, with a session.")
    @GetMapping("/api/service-accounts/{id}/api-keys/{key_id}/activity")
    Page<ApiKeyActivityQueries.UseView> activity(
            @PathVariable String id, @PathVariable("key_id") String keyId, PageRequest page, PageLinks links) {
        return keys.activityOfServiceAccountKey(CurrentPrincipal.get(), id, keyId, page, links);
    }
}
