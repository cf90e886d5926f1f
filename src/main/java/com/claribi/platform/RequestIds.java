package com.claribi.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Every request's id, {@code X-Request-Id}: the one a trusted proxy sent when it is well formed, else a new UUID. It is
 * echoed on the response, in the MDC ({@code http.request.id}) of every log line written while the request is served,
 * in its access-log line, and in a 500's {@code detail}.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key, named as the Elastic Common Schema names the field. */
    public static final String MDC_KEY = "http.request.id";

    private static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    /**
     * What a proxy's id may be made of: the characters of UUIDs, HAProxy's {@code unique-id-format} and nginx's
     * {@code $request_id}, and no more, so an id can neither break a log line nor carry markup.
     */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

    private RequestIds() {}

    /** Whether {@code id} may be taken from a trusted proxy as it is. */
    public static boolean wellFormed(@Nullable String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }

    /**
     * Assigns {@code request} its id: {@code forwarded} when the request came from a trusted proxy and it is well
     * formed, otherwise a new one.
     */
    public static String assign(HttpServletRequest request, boolean fromTrustedProxy) {
        String forwarded = request.getHeader(HEADER);
        String id = fromTrustedProxy && wellFormed(forwarded)
                ? forwarded
                : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    public static @Nullable String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : null;
    }

    /** The id of the request this thread serves, or null outside a request. */
    public static @Nullable String current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null
                && attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof String id) {
            return id;
        }
        return MDC.get(MDC_KEY);
    }
}
