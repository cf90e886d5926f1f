package com.claribi.dashboard;

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
 * Lists, creates, replaces, changes and deletes an organization's dashboards: every member reads, administrators and
 * editors write. The organization is always the caller's, so another organization's dashboard is simply not found.
 */
@Service
public class DashboardManagement {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    private static final String KIND = "dashboard";
    private static final Set<String> WRITABLE = Set.of("name", "description");
    private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at");

    private final Dashboards dashboards;
    private final Roles roles;
    private final Clock clock;

    DashboardManagement(Dashboards dashboards, Roles roles, Clock clock) {
        this.dashboards = dashboards;
        this.roles = roles;
        this.clock = clock;
    }

    public Page<Dashboard> list(ApiPrincipal principal, PageRequest page, HttpServletRequest request) {
        long organization = member(principal);
        long count = dashboards.count(organization);
        return Page.of(page, count, dashboards.page(organization, page.offset(), page.size()), request);
    }

    public Dashboard get(ApiPrincipal principal, String id) {
        long organization = member(principal);
        long parsed = ObjectIds.parse(id, KIND);
        return dashboards.find(organization, parsed).orElseThrow(() -> ObjectIds.notFound(KIND, parsed));
    }

    @Transactional
    public Dashboard create(ApiPrincipal principal, @Nullable JsonNode body) {
        long organization = editor(principal);
        JsonBody fields = JsonBody.of(body, WRITABLE, READ_ONLY);
        String name = fields.requiredText("name", MAX_NAME);
        String description = fields.text("description", MAX_DESCRIPTION, "");
        fields.throwIfAny();
        return dashboards.insert(
                organization, Objects.requireNonNull(name), Objects.requireNonNull(description), now());
    }

    /** PUT: every writable field as sent; a missing {@code description} becomes empty. */
    @Transactional
    public Dashboard replace(ApiPrincipal principal, String id, @Nullable JsonNode body) {
        long organization = editor(principal);
        Dashboard current = lock(organization, id);
        JsonBody fields = JsonBody.of(body, WRITABLE, READ_ONLY);
        String name = fields.requiredText("name", MAX_NAME);
        String description = fields.text("description", MAX_DESCRIPTION, "");
        fields.throwIfAny();
        return save(organization, current, Objects.requireNonNull(name), Objects.requireNonNull(description));
    }

    /** PATCH: the fields sent, the others as they are. */
    @Transactional
    public Dashboard update(ApiPrincipal principal, String id, @Nullable JsonNode body) {
        long organization = editor(principal);
        Dashboard current = lock(organization, id);
        JsonBody fields = JsonBody.of(body, WRITABLE, READ_ONLY);
        String name = fields.has("name") ? fields.requiredText("name", MAX_NAME) : current.name();
        String description = fields.text("description", MAX_DESCRIPTION, current.description());
        fields.throwIfAny();
        return save(organization, current, Objects.requireNonNull(name), Objects.requireNonNull(description));
    }

    /** Deletes the dashboard; its reports stay, without a dashboard (the reports table's foreign key sets null). */
    @Transactional
    public void delete(ApiPrincipal principal, String id) {
        long organization = editor(principal);
        long parsed = ObjectIds.parse(id, KIND);
        if (!dashboards.delete(organization, parsed)) {
            throw ObjectIds.notFound(KIND, parsed);
        }
    }

    /** Whether the organization has this dashboard (a report may only show one of its own organization's). */
    public boolean exists(long organizationId, long id) {
        return dashboards.exists(organizationId, id);
    }

    private Dashboard lock(long organization, String id) {
        long parsed = ObjectIds.parse(id, KIND);
        return dashboards.findForUpdate(organization, parsed).orElseThrow(() -> ObjectIds.notFound(KIND, parsed));
    }

    private Dashboard save(long organization, Dashboard current, String name, String description) {
        Instant now = now();
        dashboards.update(organization, current.id(), name, description, now);
        return new Dashboard(current.id(), name, description, current.createdAt(), now);
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
