package com.claribi.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/health/}: the process is up and serving. */
@RestController
@Tag(name = "Health")
record HealthController() {

    private static final Map<String, String> OK = Map.of("status", "ok");

    @Operation(
            operationId = "getHealth",
            summary = "Check health",
            description = "200 {\"status\": \"ok\"} while the server is up. No credentials needed.")
    @GetMapping("/api/health")
    Map<String, String> health() {
        return OK;
    }
}
