package com.claribi.platform.internal;

import com.claribi.platform.ApiAuthenticationToken;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.Authentications;
import com.claribi.platform.BadCredentialBudget;
import com.claribi.platform.CredentialAuthenticationConverter;
import com.claribi.platform.CredentialRejected;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.ErrorResponses;
import com.claribi.platform.HttpsPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One stateless filter chain: every credential module's converter and provider combined in one
 * {@link AuthenticationFilter}, errors in the API format, the public endpoints open and every other {@code /api/}
 * path authenticated. Not in the command line, which has no web server (and so no {@link HttpSecurity}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!cli")
class SecurityConfiguration {

    /**
     * Endpoints that need no credentials and ignore any that are sent (a stale token must not break a login): the
     * ones of API.md, and the API's own description (the OpenAPI document and Swagger UI), which says no more than
     * the published docs and must open in a browser that holds no token.
     */
    private static final RequestMatcher PUBLIC = new OrRequestMatcher(paths(
            "/api/auth/login",
            "/api/auth/token/refresh",
            "/api/auth/jwks",
            "/api/auth/password-reset",
            "/api/auth/password-reset/confirm",
            "/api/health",
            "/api/schema",
            "/api/schema/**",
            "/api/schema.yaml",
            "/api/docs",
            "/api/docs/**",
            "/api/swagger-ui/**",
            "/error"));

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            List<CredentialAuthenticationConverter> converters,
            List<AuthenticationProvider> providers,
            ErrorResponses errors,
            HttpsPolicy https,
            BadCredentialBudget badCredentials,
            Authentications authentications)
            throws Exception {
        AuthenticationFailureHandler failure = (request, response, exception) -> {
            ApiException error = error(exception);
            // An expired token is a well-behaved client's normal state (it refreshes next), not a bad credential.
            if (error.status() == HttpStatus.UNAUTHORIZED && !error.code().equals("token_expired")) {
                badCredentials.spend(request);
            }
            errors.write(response, error);
        };
        ProviderManager manager = new ProviderManager(providers);
        // An address that has sent too many bad credentials is refused before its credential is looked up.
        AuthenticationManagerResolver<HttpServletRequest> checkedUnlessSpent = request -> authentication -> {
            String credential = credentialType(authentication);
            try {
                ApiException spent = badCredentials.refusal(request);
                if (spent != null) {
                    throw new CredentialRejected(spent);
                }
                Authentication checked = manager.authenticate(authentication);
                authentications.succeeded(credential);
                return checked;
            } catch (RuntimeException e) {
                authentications.failed(credential, e);
                throw e;
            }
        };
        AuthenticationFilter credentials =
                new AuthenticationFilter(checkedUnlessSpent, new SingleCredentialAuthenticationConverter(converters));
        credentials.setRequestMatcher(new NegatedRequestMatcher(PUBLIC));
        credentials.setSuccessHandler(
                (request, response, authentication) -> RequestLogging.authenticated(request, authentication));
        credentials.setFailureHandler(failure);

        return http.securityMatcher("/**")
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(https::isHttps)
                        .maxAgeInSeconds(31_536_000)
                        .includeSubDomains(true)))
                .addFilterBefore(credentials, AnonymousAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(
                                (request, response, exception) -> errors.write(response, error(exception)))
                        .accessDeniedHandler((request, response, exception) -> errors.write(response, denied())))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PUBLIC)
                        .permitAll()
                        .requestMatchers(paths("/api/auth/logout"))
                        .permitAll()
                        // A read-only API key never writes, whatever its creator's role.
                        .requestMatchers(HttpMethod.POST, "/api/**")
                        .hasAuthority(ApiAuthenticationToken.READ_WRITE)
                        .requestMatchers(HttpMethod.PUT, "/api/**")
                        .hasAuthority(ApiAuthenticationToken.READ_WRITE)
                        .requestMatchers(HttpMethod.PATCH, "/api/**")
                        .hasAuthority(ApiAuthenticationToken.READ_WRITE)
                        .requestMatchers(HttpMethod.DELETE, "/api/**")
                        .hasAuthority(ApiAuthenticationToken.READ_WRITE)
                        .requestMatchers(paths("/api", "/api/**"))
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .build();
    }

    /** {@code AccessTokenAuthenticationToken} → {@code access_token}, {@code ApiKeyAuthenticationToken} → {@code api_key}. */
    static String credentialType(Authentication unchecked) {
        String name = unchecked.getClass().getSimpleName().replace("AuthenticationToken", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static ApiException denied() {
        ApiPrincipal principal = CurrentPrincipal.orNull();
        if (principal != null && principal.readOnly()) {
            return ApiException.permissionDenied("This API key is read-only: it cannot create, change or delete.");
        }
        return ApiException.permissionDenied("You are not allowed to do this.");
    }

    private static ApiException error(AuthenticationException exception) {
        return exception instanceof CredentialRejected rejected ? rejected.error() : ApiException.notAuthenticated();
    }

    private static RequestMatcher[] paths(String... patterns) {
        return java.util.Arrays.stream(patterns)
                .flatMap(p -> p.endsWith("**") ? java.util.stream.Stream.of(p) : java.util.stream.Stream.of(p, p + "/"))
                .map(p -> PathPatternRequestMatcher.withDefaults().matcher(p))
                .toArray(RequestMatcher[]::new);
    }
}
