package com.claribi.ratelimit;

import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.ErrorResponses;
import com.claribi.platform.HttpsPolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes one token from the request's budget before anything else is done for it: per user for sessions (all of a
 * user's tokens share one), per key for API keys, per client address for login, token refresh and password reset.
 * Every such response carries the budget's state, both as {@code X-RateLimit-*} and in the form of the IETF draft
 * (draft-ietf-httpapi-ratelimit-headers: {@code RateLimit-Policy} and {@code RateLimit}); a request over budget gets
 * 429 {@code rate_limited} with the whole seconds after which one is admitted.
 */
final class RequestBudgetFilter extends OncePerRequestFilter {

    private static final Set<String> BY_ADDRESS = Set.of(
            "/api/auth/login",
            "/api/auth/login/",
            "/api/auth/token/refresh",
            "/api/auth/token/refresh/",
            "/api/auth/password-reset",
            "/api/auth/password-reset/",
            "/api/auth/password-reset/confirm",
            "/api/auth/password-reset/confirm/");

    private final Budget users;
    private final Budget apiKeys;
    private final Budget addresses;
    private final HttpsPolicy https;
    private final ErrorResponses errors;
    /** The draft's policy name: {@code "minute"} for the budgets per minute. */
    private final String policy;

    private final String window;

    RequestBudgetFilter(Budgets budgets, RateLimitProperties limits, HttpsPolicy https, ErrorResponses errors) {
        this.users = budgets.leasedBudget("user", limits.jwtPerMinute(), limits.window());
        this.apiKeys = budgets.leasedBudget("key", limits.apiKeyPerMinute(), limits.window());
        this.addresses = budgets.leasedBudget("address", limits.addressPerMinute(), limits.window());
        this.https = https;
        this.errors = errors;
        this.window = limits.window().equals(Duration.ofMinutes(1))
                ? "minute"
                : limits.window().toSeconds() + " seconds";
        this.policy = limits.window().equals(Duration.ofMinutes(1))
                ? "\"minute\""
                : "\"" + limits.window().toSeconds() + "s\"";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiPrincipal principal = CurrentPrincipal.orNull();
        Budget budget;
        String key;
        if (principal != null && principal.apiKeyId() != null) {
            budget = apiKeys;
            key = principal.apiKeyId().toString();
        } else if (principal != null) {
            budget = users;
            key = Long.toString(principal.userId());
        } else if (BY_ADDRESS.contains(request.getRequestURI())) {
            budget = addresses;
            key = AddressKeys.of(https.clientAddress(request));
        } else {
            chain.doFilter(request, response);
            return;
        }
        Admission admission = budget.take(key);
        describe(response, budget, admission);
        if (!admission.admitted()) {
            budget.refused();
            errors.write(
                    response,
                    ApiException.rateLimited(
                            admission.retryAfterSeconds(),
                            "The budget of " + budget.capacity() + " requests per " + window + " is spent; it refills "
                                    + "steadily."));
            return;
        }
        chain.doFilter(request, response);
    }

    private void describe(HttpServletResponse response, Budget budget, Admission admission) {
        String limit = Long.toString(budget.capacity());
        String remaining = Long.toString(admission.remaining());
        String reset = Long.toString(admission.resetSeconds());
        response.setHeader("X-RateLimit-Limit", limit);
        response.setHeader("X-RateLimit-Remaining", remaining);
        response.setHeader("X-RateLimit-Reset", reset);
        response.setHeader(
                "RateLimit-Policy",
                policy + ";q=" + limit + ";w=" + budget.period().toSeconds());
        response.setHeader("RateLimit", policy + ";r=" + remaining + ";t=" + reset);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /**
         * After Spring Security's chain (order -100) has authenticated the request, before the controllers; after the
         * API key activity filter (order 0), so a refused request still shows in the key's activity log.
         */
        @Bean
        FilterRegistrationBean<RequestBudgetFilter> requestBudgetFilter(
                Budgets budgets, RateLimitProperties limits, HttpsPolicy https, ErrorResponses errors) {
            var registration = new FilterRegistrationBean<>(new RequestBudgetFilter(budgets, limits, https, errors));
            registration.setOrder(1);
            return registration;
        }
    }
}
