package com.claribi.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the interface's scripts, styles and images from {@code classpath:/web/assets/} at {@code /assets/} (the
 * application serves no other static resources) and registers the pages' security headers. Not in the command line,
 * which serves nothing.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!cli")
class WebInterfaceConfiguration implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/web/assets/")
                // Revalidated on every load: a new release is picked up at once; unchanged files answer 304.
                .setCacheControl(CacheControl.noCache());
    }

    @Bean
    FilterRegistrationBean<PageHeadersFilter> pageHeadersFilter() {
        var registration = new FilterRegistrationBean<>(new PageHeadersFilter());
        // Before Spring Security (-100): the headers are on every answer, the error ones included.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
