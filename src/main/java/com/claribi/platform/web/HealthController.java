package com.claribi.platform.web;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/health/}: the process is up and serving. */
@RestController
class HealthController {

    private static final Map<String, String> OK = Map.of("status", "ok");

    @GetMapping("/api/health")
    Map<String, String> health() {
        return OK;
    }
}
