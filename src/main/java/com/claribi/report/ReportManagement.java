package com.claribi.report;

import com.claribi.dashboard.DashboardManagement;
import com.claribi.identity.Role;
import com.claribi.identity.Roles;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.JsonBody;
import com.claribi.platform.ObjectIds;
import com.claribi.platform.Page;
import com.claribi.platform.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Lists, creates, replaces, changes and deletes an organization's reports: every member reads, administrators and
 * editors write. A report's dashboard must be one of the same organization's.
 */
@Service
public class ReportManagement {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final Set<String> SCHEDULES = Set.of("daily", "weekly", "monthly");
    private static final String KIND = "report";
    private static final Set<String> WRITABLE = Set.of("name", "description", "dashboard", "schedule");
    private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at");

    private final Reports reports;
    private final DashboardManagement dashboards;
    private final Roles roles;
    private final Clock clock;

    ReportManagement(Reports reports, DashboardManagement dashboards, Roles roles, Clock clock) {
        this.reports = reports;
        this.dashboards = dashboards;
        this.roles = roles;
        this.clock = clock;
    }

    public Page<Report> list(ApiPrincipal principal, PageRequest page, HttpServletRequest request) {
        long organization = member(principal);
        long count = reports.count(organization);
        return Page.of(page, count, reports.page(organization, page.offset(), page.size()), request);
    }

    public Report get(ApiPrincipal principal, String id) {
        long organization = member(principal);
        long parsed = ObjectIds.parse(id, KIND);
        return reports.find(organization, parsed).orElseThrow(() -> ObjectIds.notFound(KIND, parsed));
    }

    @Transactional
    public Report create(ApiPrincipal principal, @Nullable JsonNode body) {
        long organization = editor(principal);
        Reports.Content content = complete(organization, JsonBody.of(body, WRITABLE, READ_ONLY));
        return reports.insert(organization, content, now());
    }

    /** PUT: every writable field as sent; a missing one gets its default (empty description, no dashboard, no schedule). */
    @Transactional
    public Report replace(ApiPrincipal principal, String id, @Nullable JsonNode body) {
        long organization = editor(principal);
        Report current = lock(organization, id);
        Reports.Content content = complete(organization, JsonBody.of(body, WRITABLE, READ_ONLY));
        return save(organization, current, content);
    }

    /** PATCH: the fields sent, the others as they are. */
    @Transactional
    public Report update(ApiPrincipal principal, String id, @Nullable JsonNode body) {
        long organization = editor(principal);
        Report current = lock(organization, id);
        JsonBody fields = JsonBody.of(body, WRITABLE, READ_ONLY);
        String name = fields.has("name") ? fields.requiredText("name", MAX_NAME) : current.name();
        String description = fields.text("description", MAX_DESCRIPTION, current.description());
        Long dashboard = fields.has("dashboard") ? dashboard(organization, fields) : current.dashboard();
        String schedule = fields.has("schedule") ? schedule(fields) : current.schedule();
        fields.throwIfAny();
        return save(
                organization,
                current,
                new Reports.Content(
                        Objects.requireNonNull(name), Objects.requireNonNull(description), dashboard, schedule));
    }

    @Transactional
    public void delete(ApiPrincipal principal, String id) {
        long organization = editor(principal);
        long parsed = ObjectIds.parse(id, KIND);
        if (!reports.delete(organization, parsed)) {
            throw ObjectIds.notFound(KIND, parsed);
        }
    }

    private Reports.Content complete(long organization, JsonBody fields) {
        String name = fields.requiredText("name", MAX_NAME);
        String description = fields.text("description", MAX_DESCRIPTION, "");
        Long dashboard = dashboard(organization, fields);
        String schedule = schedule(fields);
        fields.throwIfAny();
        return new Reports.Content(
                Objects.requireNonNull(name), Objects.requireNonNull(description), dashboard, schedule);
    }

    /** Another organization's dashboard gets the same answer as a missing one, so ids of others are not revealed. */
    private @Nullable Long dashboard(long organization, JsonBody fields) {
        Long dashboard = fields.idOrNull("dashboard");
        if (dashboard != null && !dashboards.exists(organization, dashboard)) {
            fields.problem("dashboard", "No dashboard with ID " + dashboard + " was found.");
            return null;
        }
        return dashboard;
    }

    private static @Nullable String schedule(JsonBody fields) {
        return fields.choiceOrNull("schedule", SCHEDULES, "null, \"daily\", \"weekly\" or \"monthly\"");
    }

    private Report lock(long organization, String id) {
        long parsed = ObjectIds.parse(id, KIND);
        return reports.findForUpdate(organization, parsed).orElseThrow(() -> ObjectIds.notFound(KIND, parsed));
    }

    private Report save(long organization, Report current, Reports.Content content) {
        Instant now = now();
        reports.update(organization, current.id(), content, now);
        return Reports.view(current.id(), content, current.createdAt(), now);
    }

    private long member(ApiPrincipal principal) {
        return roles.require(principal, Role.ADMINISTRATOR, Role.EDITOR, Role.VIEWER)
                .organizationId();
    }

    private long editor(ApiPrincipal principal) {
        return roles.require(principal, Role.ADMINISTRATOR, Role.EDITOR).organizationId();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
