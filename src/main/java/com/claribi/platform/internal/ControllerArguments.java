package com.claribi.platform.internal;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.HttpsPolicy;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What a controller method may take beside its path variables and body, read from the request in one place: the
 * caller's {@link ClientInfo}, and for a list the {@link PageRequest} ({@code page}, {@code page_size}) and its
 * {@link PageLinks}. The OpenAPI document describes the two query parameters of every method taking a
 * {@code PageRequest} ({@link OpenApiConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class ControllerArguments implements WebMvcConfigurer {

    private final HttpsPolicy https;

    ControllerArguments(HttpsPolicy https) {
        this.https = https;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new FromRequest());
    }

    private final class FromRequest implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            Class<?> type = parameter.getParameterType();
            return type == ClientInfo.class || type == PageRequest.class || type == PageLinks.class;
        }

        @Override
        public Object resolveArgument(
                MethodParameter parameter,
                @Nullable ModelAndViewContainer container,
                NativeWebRequest webRequest,
                @Nullable WebDataBinderFactory binders) {
            HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
            if (request == null) {
                throw new IllegalStateException("Not a servlet request");
            }
            Class<?> type = parameter.getParameterType();
            if (type == ClientInfo.class) {
                return ClientInfo.of(request, https);
            }
            if (type == PageLinks.class) {
                return PageLinks.of(request);
            }
            return PageRequest.of(query(request, "page"), query(request, "page_size"));
        }

        /** As {@code @RequestParam String} reads it: a repeated parameter's values joined by commas. */
        private static @Nullable String query(HttpServletRequest request, String name) {
            String[] values = request.getParameterValues(name);
            return values == null ? null : String.join(",", values);
        }
    }
}
