package com.claribi.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The page shell for every clean URL of the interface; {@code /assets/js/main.js} picks the page from the path. The
 * pages hold no data: everything a page shows comes from the authenticated API.
 */
@Controller
class Pages {

    private final byte[] shell;

    Pages() {
        try (InputStream in = new ClassPathResource("web/index.html").getInputStream()) {
            this.shell = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paths of the interface: the mapping of {@link #page()}, also the ones {@link PageHeadersFilter} protects. */
    static Set<String> paths() {
        try {
            return Set.of(Pages.class
                    .getDeclaredMethod("page")
                    .getAnnotation(GetMapping.class)
                    .value());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    @GetMapping({
        "/",
        "/sign-in",
        "/forgot-password",
        "/reset-password",
        "/settings/security/api-keys",
        "/settings/security/two-factor",
        "/settings/security/password",
        "/settings/security/sessions",
        "/admin/users",
        "/admin/service-accounts",
        "/admin/api-keys",
        "/admin/audit-log"
    })
    ResponseEntity<byte[]> page() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .body(shell);
    }
}
