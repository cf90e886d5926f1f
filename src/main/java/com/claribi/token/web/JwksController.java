package com.claribi.token.web;

import com.claribi.token.PublicKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/auth/jwks/}: the public keys that verify access tokens (RFC 7517 section 5). */
@RestController
@Tag(name = "Authentication")
record JwksController(PublicKeys keys) {

    @Operation(
            operationId = "getJwks",
            summary = "Get the JWK Set",
            description =
                    "The public keys that verify access tokens (Ed25519, OKP keys with a kid): the current signing key and the previous ones until the tokens they signed have expired. No credentials needed.")
    @GetMapping("/api/auth/jwks")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(keys.jwkSet());
    }
}
