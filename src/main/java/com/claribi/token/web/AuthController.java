package com.claribi.token.web;

import com.claribi.mfa.SecondFactor;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Fields;
import com.claribi.platform.HttpsPolicy;
import com.claribi.token.Login;
import com.claribi.token.SessionManagement;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Login, refresh, logout and logout from everywhere. */
@RestController
class AuthController {

    private final Login login;
    private final SessionManagement sessions;
    private final HttpsPolicy https;

    AuthController(Login login, SessionManagement sessions, HttpsPolicy https) {
        this.login = login;
        this.sessions = sessions;
        this.https = https;
    }

    record Credentials(
            @Nullable String email,
            @Nullable String password,
            @Nullable String totpCode,
            @Nullable String recoveryCode) {

        @Override
        public String toString() {
            return "Credentials[email=" + email + "]";
        }
    }

    record RefreshRequest(@Nullable String refresh) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenResponse(String access, @Nullable String refresh) {}

    @PostMapping("/api/auth/login")
    CompletableFuture<ResponseEntity<TokenResponse>> login(
            @RequestBody Credentials credentials, HttpServletRequest request) {
        new Fields()
                .require("email", credentials.email())
                .require("password", credentials.password())
                .throwIfAny();
        return login.login(
                        credentials.email(),
                        credentials.password(),
                        new SecondFactor(credentials.totpCode(), credentials.recoveryCode()),
                        ClientInfo.of(request, https))
                .thenApply(tokens -> noStore(new TokenResponse(tokens.access(), tokens.refresh())));
    }

    @PostMapping("/api/auth/token/refresh")
    ResponseEntity<TokenResponse> refresh(@RequestBody RefreshRequest body, HttpServletRequest request) {
        new Fields().require("refresh", body.refresh()).throwIfAny();
        SessionManagement.Tokens tokens = sessions.refresh(body.refresh(), ClientInfo.of(request, https));
        return noStore(new TokenResponse(tokens.access(), tokens.refresh()));
    }

    @PostMapping("/api/auth/logout")
    ResponseEntity<Void> logout(
            @RequestBody(required = false) @Nullable RefreshRequest body, HttpServletRequest request) {
        ClientInfo client = ClientInfo.of(request, https);
        ApiPrincipal principal = CurrentPrincipal.orNull();
        if (principal != null) {
            String session = principal.requireSession();
            sessions.logout(session, principal.userId(), principal.organizationId(), client);
        } else if (body != null && body.refresh() != null && !body.refresh().isBlank()) {
            sessions.logoutWithRefreshToken(body.refresh(), client);
        } else {
            throw ApiException.notAuthenticated();
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/auth/logout-all")
    ResponseEntity<Void> logoutAll(HttpServletRequest request) {
        ApiPrincipal principal = CurrentPrincipal.get();
        principal.requireSession();
        sessions.revokeAllOf(principal.userId(), "logout_all", ClientInfo.of(request, https));
        return ResponseEntity.noContent().build();
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(body);
    }
}
