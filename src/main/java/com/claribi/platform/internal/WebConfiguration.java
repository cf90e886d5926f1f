package com.claribi.platform.internal;

import com.claribi.platform.ErrorResponses;
import com.claribi.platform.HttpsPolicy;
import com.claribi.platform.PlatformProperties;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/** The filters that run before security on every request, the JSON rules and the clock. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    // Before Spring Security (its filter chain is registered at order -100).
    private static final int FIRST = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** First of all: every later filter's refusal, and every log line, has the request's id. */
    @Bean
    FilterRegistrationBean<RequestLogging> requestLogging(HttpsPolicy policy) {
        var registration = new FilterRegistrationBean<>(new RequestLogging(policy));
        registration.setOrder(FIRST - 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    FilterRegistrationBean<HttpsPolicyFilter> httpsPolicyFilter(
            HttpsPolicy policy,
            ErrorResponses errors,
            PlatformProperties properties,
            ObjectProvider<WebServerConfiguration.HttpsPort> httpsPort) {
        WebServerConfiguration.@Nullable HttpsPort port = httpsPort.getIfAvailable();
        var registration = new FilterRegistrationBean<>(new HttpsPolicyFilter(policy, errors, properties, port));
        registration.setOrder(FIRST);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ErrorResponses errors) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(errors));
        registration.setOrder(FIRST + 1);
        return registration;
    }

    /** API paths are listed with a final slash; the handlers are mapped without it and serve both forms. */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
        var registration = new FilterRegistrationBean<>(
                UrlHandlerFilter.trailingSlashHandler("/api/**").wrapRequest().build());
        registration.setOrder(FIRST + 2);
        return registration;
    }

    /** JSON names are snake_case; a number where a string belongs is a wrong type (400), not converted silently. */
    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .withCoercionConfig(
                        LogicalType.Textual,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
