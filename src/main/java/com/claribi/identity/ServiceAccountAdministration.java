package com.claribi.identity;

import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.Fields;
import com.claribi.platform.ObjectIds;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.platform.Submitted;
import com.claribi.platform.SudoMode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final SudoMode sudo;
    private final ServiceAccounts accounts;
    private final Organizations organizations;
    private final Members members;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    ServiceAccountAdministration(
            Roles roles,
            SudoMode sudo,
            ServiceAccounts accounts,
            Organizations organizations,
            Members members,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.roles = roles;
        this.sudo = sudo;
        this.accounts = accounts;
        this.organizations = organizations;
        this.members = members;
        this.events = events;
        this.transactions = transactions;
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
        User admin = administratorInSudoMode(principal);
        long organizationId = admin.organizationId();
        return Objects.requireNonNull(transactions.execute(status -> {
            organizations.lock(organizationId);
            NewServiceAccount account =
                    submitted.value((value, problems) -> checkName(problems, organizationId, value.name(), 0, true));
            String name = Objects.requireNonNull(account.name());
            Role role = account.role() == null ? Role.VIEWER : account.role();
            ServiceAccount created = accounts.insert(organizationId, name, role, admin.id());
            events.publishEvent(
                    new ServiceAccountCreated(created.id(), organizationId, admin.id(), name, role, client));
            return created;
        }));
    }

    /** Renames a service account or changes its role; the new role applies to its keys' next request. */
    public ServiceAccount update(
            ApiPrincipal principal, String id, Submitted<ServiceAccountChange> submitted, ClientInfo client) {
        User admin = administratorInSudoMode(principal);
        long organizationId = admin.organizationId();
        long accountId = ObjectIds.parse(id, "service account");
        ServiceAccount updated = Objects.requireNonNull(transactions.execute(status -> {
            organizations.lock(organizationId);
            ServiceAccount before = find(organizationId, accountId);
            ServiceAccountChange change = submitted.value((value, problems) -> {
                if (value.name() != null) {
                    checkName(problems, organizationId, value.name(), accountId, before.active());
                }
            });
            String name = change.name() == null ? before.name() : change.name();
            Role role = change.role() == null ? before.role() : change.role();
            accounts.update(accountId, name, role);
            if (!name.equals(before.name()) || role != before.role()) {
                events.publishEvent(new ServiceAccountChanged(
                        accountId, organizationId, admin.id(), before.name(), name, before.role(), role, client));
            }
            return find(organizationId, accountId);
        }));
        members.evict(accountId);
        return updated;
    }

    /**
     * Deactivates the service account; {@link ServiceAccountDeactivated} revokes its keys in the same transaction, and
     * every process refuses them within a second. Deactivating one already inactive changes nothing.
     */
    public void deactivate(ApiPrincipal principal, String id, ClientInfo client) {
        User admin = administratorInSudoMode(principal);
        long organizationId = admin.organizationId();
        long accountId = ObjectIds.parse(id, "service account");
        transactions.executeWithoutResult(status -> {
            organizations.lock(organizationId);
            ServiceAccount account = find(organizationId, accountId);
            if (!account.active()) {
                return;
            }
            accounts.deactivate(accountId);
            events.publishEvent(
                    new ServiceAccountDeactivated(accountId, organizationId, admin.id(), account.name(), client));
        });
        members.evict(accountId);
    }

    private ServiceAccount find(long organizationId, long id) {
        return accounts.findInOrganization(organizationId, id)
                .orElseThrow(() -> ObjectIds.notFound("service account", id));
    }

    private void checkName(Fields problems, long organizationId, @Nullable String name, long exceptId, boolean active) {
        if (name != null && active && accounts.activeNameTaken(organizationId, name, exceptId)) {
            problems.add("name", "An active service account of this organization already has this name.");
        }
    }

    /** An administrator's session: service accounts are never managed with an API key, not even read. */
    private User administrator(ApiPrincipal principal) {
        User admin = roles.require(principal, Role.ADMINISTRATOR);
        principal.requireSession();
        return admin;
    }

    private User administratorInSudoMode(ApiPrincipal principal) {
        User admin = administrator(principal);
        sudo.require(principal);
        return admin;
    }
}
