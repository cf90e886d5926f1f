package com.claribi.report;

import com.claribi.dashboard.DashboardManagement;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.Fields;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.platform.ResourceRoles;
import com.claribi.platform.Submitted;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists, creates, changes and deletes an organization's reports: every member reads, administrators and editors
 * write. A report's dashboard must be one of the same organization's.
 */
@Service
public class ReportManagement {

    private final Reports reports;
    private final DashboardManagement dashboards;
    private final ResourceRoles roles;

    ReportManagement(Reports reports, DashboardManagement dashboards, ResourceRoles roles) {
        this.reports = reports;
        this.dashboards = dashboards;
        this.roles = roles;
    }

    public Page<Report> list(ApiPrincipal principal, PageRequest page, PageLinks links) {
        return reports.page(roles.member(principal), page, links);
    }

    public Report get(ApiPrincipal principal, String id) {
        return reports.get(roles.member(principal), id);
    }

    @Transactional
    public Report create(ApiPrincipal principal, Submitted<ReportInput> submitted) {
        long organization = roles.editor(principal);
        ReportInput input = submitted.value((read, problems) -> checkDashboard(organization, read, problems));
        return reports.insert(
                organization,
                new Reports.Content(
                        Objects.requireNonNull(input.name()),
                        Objects.requireNonNull(input.description()),
                        input.dashboard(),
                        input.schedule()));
    }

    /** PUT and PATCH: the fields the input has sent, the others as they are. */
    @Transactional
    public Report change(ApiPrincipal principal, String id, Submitted<ReportInput> submitted) {
        long organization = roles.editor(principal);
        Report current = reports.lock(organization, id);
        ReportInput input = submitted.value((read, problems) -> checkDashboard(organization, read, problems));
        return reports.update(
                organization,
                current,
                new Reports.Content(
                        Objects.requireNonNull(input.or("name", input.name(), current.name())),
                        Objects.requireNonNull(input.or("description", input.description(), current.description())),
                        input.or("dashboard", input.dashboard(), current.dashboard()),
                        input.or("schedule", input.schedule(), current.schedule())));
    }

    @Transactional
    public void delete(ApiPrincipal principal, String id) {
        reports.delete(roles.editor(principal), id);
    }

    /** Another organization's dashboard gets the same answer as a missing one, so ids of others are not revealed. */
    private void checkDashboard(long organization, ReportInput input, Fields problems) {
        Long dashboard = input.dashboard();
        if (dashboard != null && !dashboards.exists(organization, dashboard)) {
            problems.add("dashboard", "No dashboard with ID " + dashboard + " was found.");
        }
    }
}
