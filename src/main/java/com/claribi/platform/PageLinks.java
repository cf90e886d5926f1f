package com.claribi.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a list was asked for, taken from the request by its controller, so that a page's {@code next} and
 * {@code previous} links can be absolute URLs without the service reading the request.
 */
public record PageLinks(String base, String path, @Nullable String query) {

    public static PageLinks of(HttpServletRequest request) {
        // Lists are documented with a final slash; the request may have come without it.
        String path = request.getRequestURI().endsWith("/") ? request.getRequestURI() : request.getRequestURI() + "/";
        return new PageLinks(HttpsPolicy.externalBase(request), path, request.getQueryString());
    }

    /** The same list with {@code page} set to this page number. */
    public String to(int page) {
        return UriComponentsBuilder.fromUriString(base + path + (query == null ? "" : "?" + query))
                .replaceQueryParam("page", page)
                .build()
                .toUriString();
    }
}
