package com.claribi.dashboard;

import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.platform.ResourceRoles;
import com.claribi.platform.Submitted;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists, creates, changes and deletes an organization's dashboards: every member reads, administrators and editors
 * write. The organization is always the caller's, so another organization's dashboard is simply not found.
 */
@Service
public class DashboardManagement {

    private final Dashboards dashboards;
    private final ResourceRoles roles;

    DashboardManagement(Dashboards dashboards, ResourceRoles roles) {
        this.dashboards = dashboards;
        this.roles = roles;
    }

    public Page<Dashboard> list(ApiPrincipal principal, PageRequest page, PageLinks links) {
        return dashboards.page(roles.member(principal), page, links);
    }

    public Dashboard get(ApiPrincipal principal, String id) {
        return dashboards.get(roles.member(principal), id);
    }

    @Transactional
    public Dashboard create(ApiPrincipal principal, Submitted<DashboardInput> submitted) {
        long organization = roles.editor(principal);
        DashboardInput input = submitted.value();
        return dashboards.insert(
                organization, Objects.requireNonNull(input.name()), Objects.requireNonNull(input.description()));
    }

    /** PUT and PATCH: the fields the input has, the others as they are. */
    @Transactional
    public Dashboard change(ApiPrincipal principal, String id, Submitted<DashboardInput> submitted) {
        long organization = roles.editor(principal);
        Dashboard current = dashboards.lock(organization, id);
        DashboardInput input = submitted.value();
        return dashboards.update(
                organization,
                current,
                Objects.requireNonNullElse(input.name(), current.name()),
                Objects.requireNonNullElse(input.description(), current.description()));
    }

    /** Deletes the dashboard; its reports stay, without a dashboard (the reports table's foreign key sets null). */
    @Transactional
    public void delete(ApiPrincipal principal, String id) {
        dashboards.delete(roles.editor(principal), id);
    }

    /** Whether the organization has this dashboard (a report may only show one of its own organization's). */
    public boolean exists(long organizationId, long id) {
        return dashboards.exists(organizationId, id);
    }
}
