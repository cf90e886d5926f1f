package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.Fields;
import com.claribi.platform.ObjectIds;
import com.claribi.platform.Submitted;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writes to an organization's service accounts, for {@link ServiceAccountAdministration} once it has checked the
 * caller: each under a lock on the organization (so that two administrators cannot give two active accounts one name),
 * in one transaction with the event it publishes, and the member cache told.
 */
@Service
class ServiceAccountChanges {

    private final ServiceAccounts accounts;
    private final Organizations organizations;
    private final Members members;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    ServiceAccountChanges(
            ServiceAccounts accounts,
            Organizations organizations,
            Members members,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.members = members;
        this.events = events;
        this.transactions = transactions;
    }

    ServiceAccount create(
            User admin, Submitted<ServiceAccountAdministration.NewServiceAccount> submitted, ClientInfo client) {
        long organizationId = admin.organizationId();
        return Objects.requireNonNull(transactions.execute(status -> {
            organizations.lock(organizationId);
            ServiceAccountAdministration.NewServiceAccount account =
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
    ServiceAccount update(
            User admin,
            long accountId,
            Submitted<ServiceAccountAdministration.ServiceAccountChange> submitted,
            ClientInfo client) {
        long organizationId = admin.organizationId();
        ServiceAccount updated = Objects.requireNonNull(transactions.execute(status -> {
            organizations.lock(organizationId);
            ServiceAccount before = find(organizationId, accountId);
            ServiceAccountAdministration.ServiceAccountChange change = submitted.value((value, problems) -> {
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
    void deactivate(User admin, long accountId, ClientInfo client) {
        long organizationId = admin.organizationId();
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
}
