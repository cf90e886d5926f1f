package com.claribi.token.web;

import com.claribi.mfa.SecondFactor;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Fields;
import com.claribi.token.Login;
import com.claribi.token.SessionEnding;
import com.claribi.token.SessionManagement;
import com.claribi.token.SessionRefresh;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login, refresh, logout and logout from everywhere. API clients send and receive the refresh token in the body; the
 * web interface (header {@code X-Claribi-Client: web}) gets it as an HttpOnly cookie instead ({@link WebClientCookie}).
 */
@RestController
@Tag(name = "Authentication")
record AuthController(Login login, SessionRefresh refresh, SessionEnding ending, WebClientCookie cookie) {

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

    @Operation(
            operationId = "login",
            summary = "Sign in",
            description =
                    "Checks an email and password (plus totp_code or recovery_code when two-factor authentication is on) and starts a session: 200 with an access token and a refresh token. A wrong email or password is 401 invalid_credentials, the same answer for both; MFA on without a code is 401 mfa_required, a wrong code 401 invalid_mfa_code; failed attempts are throttled per account and per address (429 with Retry-After).")
    @PostMapping("/api/auth/login")
    CompletableFuture<ResponseEntity<TokenResponse>> login(
            @RequestBody Credentials credentials, HttpServletRequest request, ClientInfo client) {
        new Fields()
                .require("email", credentials.email())
                .require("password", credentials.password())
                .throwIfAny();
        boolean web = WebClientCookie.fromWebClient(request);
        if (web) {
            WebClientCookie.requireSameOrigin(request);
        }
        // A web sign-in over a session this browser already holds (another account in another tab, or signing in
        // again) ends that session: its cookie is about to be replaced, and the session must not outlive it.
        String previous = web ? WebClientCookie.refreshToken(WebClientCookie.read(request)) : null;
        return login.login(
                        credentials.email(),
                        credentials.password(),
                        new SecondFactor(credentials.totpCode(), credentials.recoveryCode()),
                        client)
                .thenApply(tokens -> {
                    if (!web) {
                        return new TokenResponse(tokens.access(), tokens.refresh()).noStore(List.of());
                    }
                    if (previous != null) {
                        endQuietly(previous, client);
                    }
                    return new TokenResponse(tokens.access(), null).noStore(cookie.issue(tokens.refresh()));
                });
    }

    private void endQuietly(String refreshToken, ClientInfo client) {
        try {
            ending.logoutWithRefreshToken(refreshToken, client);
        } catch (ApiException e) {
            // Already ended, expired or not ours: nothing to end.
        }
    }

    @Operation(
            operationId = "refreshToken",
            summary = "Refresh the access token",
            description =
                    "Exchanges the session's refresh token for a new access token. The refresh token itself does not change, unless refresh rotation is on (CLARIBI_REFRESH_ROTATION), when a new one is returned as refresh; presenting a rotated one after a 10-second grace window ends the session.")
    @PostMapping("/api/auth/token/refresh")
    ResponseEntity<TokenResponse> refresh(
            @RequestBody RefreshRequest body,
            HttpServletRequest request,
            ClientInfo client,
            HttpServletResponse response) {
        WebClientCookie.Presented presented = WebClientCookie.read(request);
        boolean inBody = body.refresh() != null && !body.refresh().isBlank();
        if (inBody || (presented instanceof WebClientCookie.Absent && !WebClientCookie.fromWebClient(request))) {
            new Fields().require("refresh", body.refresh()).throwIfAny();
            SessionManagement.Tokens tokens = refresh.refresh(body.refresh(), client);
            return new TokenResponse(tokens.access(), tokens.refresh()).noStore(List.of());
        }
        WebClientCookie.requireSameOrigin(request);
        String fromCookie = switch (presented) {
            case WebClientCookie.Absent absent ->
                throw ApiException.notAuthenticated("There is no refresh cookie: sign in.");
            case WebClientCookie.Unbound unbound -> {
                clearCookies(response);
                throw ApiException.invalidToken(unbound.reason());
            }
            case WebClientCookie.Bound bound -> bound.refreshToken();
        };
        SessionManagement.Tokens tokens;
        try {
            tokens = refresh.refresh(fromCookie, client);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.UNAUTHORIZED) {
                // A cookie whose session ended is of no further use: the browser forgets it with this answer.
                clearCookies(response);
            }
            throw e;
        }
        // With rotation on, the new refresh token replaces the cookie; the page never sees either.
        return new TokenResponse(tokens.access(), null)
                .noStore(tokens.refresh() == null ? List.of() : cookie.issue(tokens.refresh()));
    }

    @Operation(
            operationId = "logout",
            summary = "Sign out",
            description =
                    "Ends one session, named by the refresh token in the body or by the Bearer access token: its refresh token and its access tokens stop working in every server process within a second. 204.")
    @PostMapping("/api/auth/logout")
    ResponseEntity<Void> logout(
            @RequestBody(required = false) @Nullable RefreshRequest body,
            HttpServletRequest request,
            ClientInfo client,
            HttpServletResponse response) {
        WebClientCookie.Presented presented = WebClientCookie.read(request);
        boolean web = WebClientCookie.fromWebClient(request);
        try {
            endSession(body, request, presented, client);
        } catch (RuntimeException e) {
            // The web interface signs out whatever happened on the server: the browser forgets the cookies even when
            // the session could not be ended (the page says so and keeps its user signed in until it can).
            if (web) {
                clearCookies(response);
            }
            throw e;
        }
        if (!(presented instanceof WebClientCookie.Absent) || web) {
            clearCookies(response);
        }
        return ResponseEntity.noContent().build();
    }

    private void endSession(
            @Nullable RefreshRequest body,
            HttpServletRequest request,
            WebClientCookie.Presented presented,
            ClientInfo client) {
        ApiPrincipal principal = CurrentPrincipal.orNull();
        if (principal != null) {
            String session = principal.requireSession();
            ending.logout(session, principal.userId(), principal.organizationId(), client);
        } else if (body != null && body.refresh() != null && !body.refresh().isBlank()) {
            ending.logoutWithRefreshToken(body.refresh(), client);
        } else if (!(presented instanceof WebClientCookie.Absent)) {
            WebClientCookie.requireSameOrigin(request);
            if (presented instanceof WebClientCookie.Unbound unbound) {
                throw ApiException.invalidToken(unbound.reason());
            }
            ending.logoutWithRefreshToken(WebClientCookie.refreshToken(presented), client);
        } else {
            throw ApiException.notAuthenticated();
        }
    }

    private static void clearCookies(HttpServletResponse response) {
        WebClientCookie.clear().forEach(value -> response.addHeader(HttpHeaders.SET_COOKIE, value));
    }

    @Operation(
            operationId = "logoutAll",
            summary = "Sign out everywhere",
            description = "Ends every session of the signed-in user (a Bearer access token is needed). 204.")
    @PostMapping("/api/auth/logout-all")
    ResponseEntity<Void> logoutAll(ClientInfo client) {
        ApiPrincipal principal = CurrentPrincipal.get();
        principal.requireSession();
        ending.revokeAllOf(principal.userId(), "logout_all", client);
        return ResponseEntity.noContent().build();
    }
}
