package com.claribi.audit;

import com.claribi.identity.Role;
import com.claribi.identity.Roles;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.Fields;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Lists an organization's security events with filters, for its administrators. */
@Service
public class AuditQueries {

    /** The years both databases store; {@link Instant#parse} accepts far more. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-30T23:59:59Z");

    private final AuditEvents events;
    private final Roles roles;

    AuditQueries(AuditEvents events, Roles roles) {
        this.events = events;
        this.roles = roles;
    }

    public Page<AuditEvent> list(
            ApiPrincipal principal,
            @Nullable String type,
            @Nullable String user,
            @Nullable String since,
            @Nullable String until,
            PageRequest page,
            PageLinks links) {
        long organizationId = roles.require(principal, Role.ADMINISTRATOR).organizationId();
        Fields problems = new Fields();
        Long userId = null;
        if (user != null && !user.isBlank()) {
            try {
                userId = Long.parseLong(user.trim());
            } catch (NumberFormatException e) {
                problems.add("user", "Must be a user id.");
            }
        }
        Instant from = instant(since, "since", problems);
        Instant to = instant(until, "until", problems);
        problems.throwIfAny();
        // Both ends are inclusive to the second, the precision events are shown with: until=10:30:00Z includes an
        // event shown as 10:30:00Z, whatever fraction of that second it happened in.
        AuditEvents.Filter filter = new AuditEvents.Filter(
                organizationId,
                type == null || type.isBlank() ? null : type.trim(),
                userId,
                from == null ? null : from.truncatedTo(ChronoUnit.SECONDS),
                to == null ? null : to.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        long count = events.count(filter);
        return Page.of(page, count, events.page(filter, page.offset(), page.size()), links);
    }

    private static @Nullable Instant instant(@Nullable String value, String name, Fields problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant parsed = Instant.parse(value.trim());
            if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
                problems.add(name, "Must be a time between the years 1 and 9999.");
                return null;
            }
            return parsed;
        } catch (DateTimeParseException e) {
            problems.add(name, "Must be an ISO-8601 UTC time such as 2025-06-15T10:30:00Z.");
            return null;
        }
    }
}
