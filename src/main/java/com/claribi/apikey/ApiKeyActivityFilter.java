package com.claribi.apikey;

import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.HttpsPolicy;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every request authenticated by an API key, with its final status, once the response is done. Runs inside
 * the security filter chain's dispatch, so the principal is known. The path is recorded without its query string;
 * every value is bounded to its column here, at the edge ({@link ApiKeyUse#of}), and the address is the one
 * {@link HttpsPolicy} has already validated.
 */
final class ApiKeyActivityFilter extends OncePerRequestFilter {

    private final ApiKeyActivityLog log;
    private final HttpsPolicy https;
    private final Clock clock;

    ApiKeyActivityFilter(ApiKeyActivityLog log, HttpsPolicy https, Clock clock) {
        this.log = log;
        this.https = https;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            ApiPrincipal principal = CurrentPrincipal.orNull();
            if (principal != null && principal.apiKeyId() != null) {
                if (request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(new RecordWhenDone(principal.apiKeyId(), request, response));
                } else {
                    record(principal.apiKeyId(), request, response);
                }
            }
        }
    }

    private void record(long apiKeyId, HttpServletRequest request, HttpServletResponse response) {
        // The path as the client sent it: an inner filter serves /x/ and /x alike by rewriting it.
        String path = original(request).getRequestURI();
        log.record(ApiKeyUse.of(
                apiKeyId,
                clock.instant().truncatedTo(ChronoUnit.SECONDS),
                request.getMethod(),
                path,
                response.getStatus(),
                https.clientAddress(request),
                request.getHeader("User-Agent")));
    }

    private static HttpServletRequest original(HttpServletRequest request) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return inner instanceof HttpServletRequest http ? http : request;
    }

    private final class RecordWhenDone implements AsyncListener {

        private final long apiKeyId;
        private final HttpServletRequest request;
        private final HttpServletResponse response;

        RecordWhenDone(long apiKeyId, HttpServletRequest request, HttpServletResponse response) {
            this.apiKeyId = apiKeyId;
            this.request = request;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            record(apiKeyId, request, response);
        }

        @Override
        public void onTimeout(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** After Spring Security's chain (order -100) has authenticated the request. */
        @Bean
        FilterRegistrationBean<ApiKeyActivityFilter> apiKeyActivityFilter(
                ApiKeyActivityLog log, HttpsPolicy https, Clock clock) {
            var registration = new FilterRegistrationBean<>(new ApiKeyActivityFilter(log, https, clock));
            registration.setOrder(0);
            return registration;
        }
    }
}
