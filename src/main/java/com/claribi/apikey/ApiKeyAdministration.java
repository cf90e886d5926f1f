package com.claribi.apikey;

import com.claribi.identity.ServiceAccount;
import com.claribi.identity.ServiceAccountAdministration;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.platform.SudoMode;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A service account's keys ({@code /api/service-accounts/{id}/api-keys/}), for the organization's administrators,
 * under the same rules as a user's own ({@link ApiKeyManagement}: scope, default expiry, rotation, revocation in every
 * process); every key of the organization is {@link OrganizationKeyAdministration}'s. An administrator's session only,
 * never an API key; creating, rotating and revoking a service account's keys need sudo mode (every write under
 * {@code /api/service-accounts/}).
 */
@Service
public class ApiKeyAdministration {

    private final ApiKeyManagement management;
    private final ApiKeyActivityQueries activity;
    private final ServiceAccountAdministration accounts;
    private final SudoMode sudo;

    ApiKeyAdministration(
            ApiKeyManagement management,
            ApiKeyActivityQueries activity,
            ServiceAccountAdministration accounts,
            SudoMode sudo) {
        this.management = management;
        this.activity = activity;
        this.accounts = accounts;
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

    private ApiKey keyOf(ServiceAccount account, String keyId) {
        return management.keyOf(account.id(), keyId);
    }

    private static void requireActive(ServiceAccount account) {
        if (!account.active()) {
            throw ApiException.conflict("This service account is deactivated; its keys cannot be created or rotated.");
        }
    }
}
