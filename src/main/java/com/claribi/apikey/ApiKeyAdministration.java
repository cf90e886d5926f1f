package com.claribi.apikey;

import com.claribi.identity.Role;
import com.claribi.identity.Roles;
import com.claribi.identity.ServiceAccount;
import com.claribi.identity.ServiceAccountAdministration;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.ObjectIds;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.platform.SudoMode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys administrators manage: a service account's keys ({@code /api/service-accounts/{id}/api-keys/}), under the
 * same rules as a user's own ({@link ApiKeyManagement}: scope, default expiry, rotation, revocation in every process),
 * and every key of the organization ({@code /api/organization/api-keys/}), never with a secret. An administrator's
 * session only, never an API key; creating, rotating and revoking a service account's keys need sudo mode (every write under
 * {@code /api/service-accounts/}); revoking from the organization-wide list does not, as for one's own keys.
 */
@Service
public class ApiKeyAdministration {

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
    private final ApiKeyActivityQueries activity;
    private final ServiceAccountAdministration accounts;
    private final Roles roles;
    private final SudoMode sudo;

    ApiKeyAdministration(
            ApiKeys keys,
            ApiKeyManagement management,
            ApiKeyActivityQueries activity,
            ServiceAccountAdministration accounts,
            Roles roles,
            SudoMode sudo) {
        this.keys = keys;
        this.management = management;
        this.activity = activity;
        this.accounts = accounts;
        this.roles = roles;
        this.sudo = sudo;
    }

    @Transactional
    public ApiKeyManagement.KeyView createForServiceAccount(
            ApiPrincipal principal,
            String serviceAccountId,
            @Nullable String name,
            @Nullable String scope,
            ApiKeyManagement.RequestedExpiry expiresAt,
            ClientInfo client) {
        ServiceAccount account = accounts.get(principal, serviceAccountId);
        sudo.require(principal);
        requireActive(account);
        return management.create(
                account.id(), account.organizationId(), principal.userId(), name, scope, expiresAt, client);
    }

    public Page<ApiKeyManagement.KeyView> listOfServiceAccount(
            ApiPrincipal principal, String serviceAccountId, PageRequest page, PageLinks links) {
        return management.listOf(accounts.get(principal, serviceAccountId).id(), page, links);
    }

    @Transactional
    public ApiKeyManagement.KeyView revokeOfServiceAccount(
            ApiPrincipal principal, String serviceAccountId, String keyId, ClientInfo client) {
        ServiceAccount account = accounts.get(principal, serviceAccountId);
        sudo.require(principal);
        ApiKey key = keyOf(account, keyId);
        management.revoke(key, principal.userId(), client);
        return management.view(keyOf(account, keyId), null);
    }

    @Transactional
    public ApiKeyManagement.KeyView rotateOfServiceAccount(
            ApiPrincipal principal,
            String serviceAccountId,
            String keyId,
            @Nullable Long gracePeriodSeconds,
            ClientInfo client) {
        ServiceAccount account = accounts.get(principal, serviceAccountId);
        sudo.require(principal);
        ApiKey key = keyOf(account, keyId);
        requireActive(account);
        return management.rotate(key, principal.userId(), gracePeriodSeconds, client);
    }

    /** A service account's key's recent uses, newest first, as {@code GET /api/api-keys/{id}/activity/} for one's own. */
    public Page<ApiKeyActivityQueries.UseView> activityOfServiceAccountKey(
            ApiPrincipal principal, String serviceAccountId, String keyId, PageRequest page, PageLinks links) {
        return activity.activity(keyOf(accounts.get(principal, serviceAccountId), keyId), page, links);
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

    private ApiKey keyOf(ServiceAccount account, String keyId) {
        long id = ObjectIds.parse(keyId, "API key");
        return keys.findOfUser(id, account.id()).orElseThrow(() -> ObjectIds.notFound("API key", id));
    }

    private static void requireActive(ServiceAccount account) {
        if (!account.active()) {
            throw ApiException.conflict("This service account is deactivated; its keys cannot be created or rotated.");
        }
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
