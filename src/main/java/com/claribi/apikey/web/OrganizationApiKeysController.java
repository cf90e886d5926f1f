package com.claribi.apikey.web;

import com.claribi.apikey.OrganizationKeyAdministration;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/organization/api-keys/}: every key of the organization, for its administrators' oversight. */
@RestController
@Tag(name = "API keys")
record OrganizationApiKeysController(OrganizationKeyAdministration keys) {

    @Operation(
            operationId = "listOrganizationApiKeys",
            summary = "List the organization's API keys",
            description =
                    "Every key of the organization, users' and service accounts', ordered by id, each with its owner (type user or service_account, id, name) and never with its secret. Administrators, with a session.")
    @GetMapping("/api/organization/api-keys")
    Page<OrganizationKeyAdministration.OwnedKeyView> list(PageRequest page, PageLinks links) {
        return keys.listOfOrganization(CurrentPrincipal.get(), page, links);
    }

    @Operation(
            operationId = "revokeOrganizationApiKey",
            summary = "Revoke any API key of the organization",
            description =
                    "Revokes a key of any user or service account of the organization: every server process refuses it within a second. Returns the key with revoked_at set and its owner. Administrators, with a session.")
    @PostMapping("/api/organization/api-keys/{id}/revoke")
    OrganizationKeyAdministration.OwnedKeyView revoke(@PathVariable String id, ClientInfo client) {
        return keys.revokeInOrganization(CurrentPrincipal.get(), id, client);
    }
}
