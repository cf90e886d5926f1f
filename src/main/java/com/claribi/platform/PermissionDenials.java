package com.claribi.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Publishes {@link PermissionDenied} for the 403s {@link ErrorResponses} renders, at most once a minute per principal
 * and route. The memory of what was recorded is bounded: past its size the oldest entries go, which can only mean an
 * extra record, never a missing one for a new principal or route.
 */
@Component
final class PermissionDenials {

    private static final Logger log = LoggerFactory.getLogger(PermissionDenials.class);
    private static final int MAX_ROUTE = 200;

    private final ApplicationEventPublisher events;
    private final HttpsPolicy https;
    private final Cache<String, Boolean> recorded = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    PermissionDenials(ApplicationEventPublisher events, HttpsPolicy https) {
        this.events = events;
        this.https = https;
    }

    void denied(ApiException error) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        ClientInfo client = ClientInfo.of(request, https);
        ApiPrincipal principal = CurrentPrincipal.orNull();
        String route = request.getMethod() + " " + route(request);
        String who = principal == null
                ? "address:" + client.address()
                : principal.apiKeyId() != null ? "key:" + principal.apiKeyId() : "user:" + principal.userId();
        // A refusal before routing (the read-only rule) has no pattern: one record a minute per method, whatever the
        // path, so that made-up paths cannot write one row each.
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String once = request.getMethod() + " " + (pattern instanceof String matched ? matched : "(any path)");
        if (recorded.asMap().putIfAbsent(who + " " + once, Boolean.TRUE) != null) {
            return;
        }
        try {
            events.publishEvent(new PermissionDenied(
                    principal == null ? null : principal.userId(),
                    principal == null ? null : principal.organizationId(),
                    principal == null ? null : principal.apiKeyId(),
                    route,
                    error.detail(),
                    client));
        } catch (RuntimeException e) {
            // The refusal stands whether or not it could be recorded (the database may be down).
            log.warn("Could not record a permission_denied: {}", e.getMessage());
        }
    }

    /** The handler's path pattern when one matched ({@code /api/users/{id}}), else the path itself, bounded. */
    private static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern instanceof String matched ? matched : request.getRequestURI();
        return route.length() > MAX_ROUTE ? route.substring(0, MAX_ROUTE) : route;
    }
}
