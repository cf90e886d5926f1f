package com.claribi.apikey;

import com.claribi.identity.Role;
import com.claribi.identity.Roles;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.ObjectIds;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every key of the organization, users' and service accounts' ({@code /api/organization/api-keys/}), for its
 * administrators' oversight, never with a secret: an administrator's session only, never an API key. Revoking from
 * this list does not need sudo mode, as for one's own keys.
 */
@Service
public class OrganizationKeyAdministration {

    /** Whose a key is: a user's or a service account's. */
    @Schema(name = "ApiKeyOwner")
    public record Owner(
            @Schema(allowableValues = {"user", "service_account"})
            String type,

            long id,
            String name) {}

    /** A key of the organization with its owner; never its secret. */
    @Schema(name = "OrganizationApiKey")
    public record OwnedKeyView(
            long id,
            String name,
            String prefix,
            String scope,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt,
            boolean rotationDue,
            @Nullable Long rotatedFrom,
            Owner owner) {}

    private final ApiKeys keys;
    private final ApiKeyManagement management;
    private final Roles roles;

    OrganizationKeyAdministration(ApiKeys keys, ApiKeyManagement management, Roles roles) {
        this.keys = keys;
        this.management = management;
        this.roles = roles;
    }

    /** Every key of the organization, users' and service accounts', ordered by id. */
    public Page<OwnedKeyView> listOfOrganization(ApiPrincipal principal, PageRequest page, PageLinks links) {
        long organizationId = administrator(principal);
        return Page.of(
                page,
                keys.countOfOrganization(organizationId),
                keys.pageOfOrganization(organizationId, page.offset(), page.size()).stream()
                        .map(this::view)
                        .toList(),
                links);
    }

    /** Revokes any key of the organization; every process refuses it within a second. */
    @Transactional
    public OwnedKeyView revokeInOrganization(ApiPrincipal principal, String keyId, ClientInfo client) {
        long organizationId = administrator(principal);
        long id = ObjectIds.parse(keyId, "API key");
        ApiKeys.Owned owned = ownedInOrganization(id, organizationId);
        management.revoke(owned.key(), principal.userId(), client);
        return view(ownedInOrganization(id, organizationId));
    }

    private ApiKeys.Owned ownedInOrganization(long id, long organizationId) {
        return keys.findInOrganization(id, organizationId).orElseThrow(() -> ObjectIds.notFound("API key", id));
    }

    /** The administrator's organization; an administrator's session only. */
    private long administrator(ApiPrincipal principal) {
        long organizationId = roles.require(principal, Role.ADMINISTRATOR).organizationId();
        principal.requireSession();
        return organizationId;
    }

    private OwnedKeyView view(ApiKeys.Owned owned) {
        ApiKeyManagement.KeyView key = management.view(owned.key(), null);
        return new OwnedKeyView(
                key.id(),
                key.name(),
                key.prefix(),
                key.scope(),
                key.createdAt(),
                key.expiresAt(),
                key.lastUsedAt(),
                key.revokedAt(),
                key.rotationDue(),
                key.rotatedFrom(),
                new Owner(
                        owned.serviceAccount() ? "service_account" : "user",
                        owned.key().userId(),
                        owned.ownerName()));
    }
}
