package com.claribi.identity;

import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.ObjectIds;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.platform.Submitted;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * An organization's service accounts, for its administrators ({@code /api/service-accounts/}). Everything here needs
 * an administrator's session, never an API key whatever its scope (a leaked key must not mint an identity or a key),
 * and every write a recent password proof (sudo mode). The role is checked before the body, so a caller without it gets
 * 403 whatever it sent. Names are unique, ignoring case, among the organization's active service accounts, so that the
 * organization's list of keys names each owner unambiguously; a deactivated account's name may be used again.
 */
@Service
public class ServiceAccountAdministration {

    public static final int MAX_NAME = 100;

    /** A service account as an administrator submits one; a null is a field the body lacked or got wrong. */
    public record NewServiceAccount(
            @Nullable String name, @Nullable Role role) {}

    /** What an administrator may change of a service account; a null leaves that field as it is. */
    public record ServiceAccountChange(
            @Nullable String name, @Nullable Role role) {}

    private final Roles roles;
    private final ServiceAccounts accounts;
    private final ServiceAccountChanges changes;

    ServiceAccountAdministration(Roles roles, ServiceAccounts accounts, ServiceAccountChanges changes) {
        this.roles = roles;
        this.accounts = accounts;
        this.changes = changes;
    }

    public Page<ServiceAccount> list(ApiPrincipal principal, PageRequest page, PageLinks links) {
        long organizationId = administrator(principal).organizationId();
        return Page.of(
                page,
                accounts.countInOrganization(organizationId),
                accounts.pageInOrganization(organizationId, page.offset(), page.size()),
                links);
    }

    /**
     * One service account of the administrator's organization, for the management of its keys (which checks sudo mode
     * itself where it writes); another organization's is 404 like a missing one.
     */
    public ServiceAccount get(ApiPrincipal principal, String id) {
        return find(administrator(principal).organizationId(), ObjectIds.parse(id, "service account"));
    }

    public ServiceAccount create(ApiPrincipal principal, Submitted<NewServiceAccount> submitted, ClientInfo client) {
        return changes.create(roles.administratorInSudoMode(principal), submitted, client);
    }

    /** Renames a service account or changes its role; the new role applies to its keys' next request. */
    public ServiceAccount update(
            ApiPrincipal principal, String id, Submitted<ServiceAccountChange> submitted, ClientInfo client) {
        User admin = roles.administratorInSudoMode(principal);
        return changes.update(admin, ObjectIds.parse(id, "service account"), submitted, client);
    }

    /**
     * Deactivates the service account; {@link ServiceAccountDeactivated} revokes its keys in the same transaction, and
     * every process refuses them within a second. Deactivating one already inactive changes nothing.
     */
    public void deactivate(ApiPrincipal principal, String id, ClientInfo client) {
        User admin = roles.administratorInSudoMode(principal);
        changes.deactivate(admin, ObjectIds.parse(id, "service account"), client);
    }

    private ServiceAccount find(long organizationId, long id) {
        return accounts.findInOrganization(organizationId, id)
                .orElseThrow(() -> ObjectIds.notFound("service account", id));
    }

    /** An administrator's session: service accounts are never managed with an API key, not even read. */
    private User administrator(ApiPrincipal principal) {
        User admin = roles.require(principal, Role.ADMINISTRATOR);
        principal.requireSession();
        return admin;
    }
}
