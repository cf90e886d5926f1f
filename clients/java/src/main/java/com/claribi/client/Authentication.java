package com.claribi.client;

import com.claribi.client.model.AuthStatus;
import com.claribi.client.model.Tokens;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who the caller is, and the session's own operations: refresh, logout, password change, re-authentication, password
 * reset.
 */
public final class Authentication {

    private final ApiCalls calls;
    private final SessionCredentials session;

    Authentication(ApiCalls calls, SessionCredentials session) {
        this.calls = calls;
        this.session = session;
    }

    /** {@code GET /api/auth/status/}: the caller's user (or service account) and organization. */
    public AuthStatus status() {
        return calls.get("/api/auth/status/", AuthStatus.class);
    }

    /** {@code GET /api/health/} (no credentials): true when the server answers {@code {"status": "ok"}}. */
    public boolean healthy() {
        Map<?, ?> health = calls.anonymous("GET", "/api/health/", null, Map.class);
        return health != null && "ok".equals(health.get("status"));
    }

    /** {@code GET /api/auth/jwks/} (no credentials): the JWK Set that verifies access tokens (RFC 7517). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> jwks() {
        return calls.anonymous("GET", "/api/auth/jwks/", null, Map.class);
    }

    /**
     * {@code POST /api/auth/logout/}: ends this client's session (its refresh and access tokens stop working). A later
     * call signs in again with the client's credentials.
     */
    public void logout() {
        SessionCredentials current = requireSession("logout");
        String refresh = current.refreshToken();
        if (refresh != null) {
            calls.anonymous("POST", "/api/auth/logout/", Map.of("refresh", refresh), null);
        }
        current.forget();
    }

    /**
     * {@code POST /api/auth/token/refresh/}: a new access token now. The client renews it on its own ({@code
     * refreshBefore} ahead of its expiry, and once after a 401); this is for a caller that wants it renewed at a time
     * of its choosing. Signs in instead when there is no session yet or the refresh token is refused.
     */
    public void refresh() {
        requireSession("refresh").refresh();
    }

    /** {@code POST /api/auth/logout-all/}: ends every session of the user, this client's included. */
    public void logoutAll() {
        SessionCredentials current = requireSession("logoutAll");
        calls.post("/api/auth/logout-all/", null, null);
        current.forget();
    }

    /**
     * {@code POST /api/auth/password/}: every other session of the user ends. A client signed in with an email and
     * password signs in with the new one from then on (when its session ends, for instance).
     */
    public void changePassword(String oldPassword, String newPassword) {
        calls.post("/api/auth/password/", Map.of("old_password", oldPassword, "new_password", newPassword), null);
        if (session != null) {
            session.passwordChanged(newPassword);
        }
    }

    /** {@code POST /api/auth/reauthenticate/}: a fresh password proof for sudo mode; the client uses the new token. */
    public void reauthenticate(String password) {
        reauthenticate(password, null);
    }

    /** As {@link #reauthenticate(String)}, with a TOTP code when two-factor authentication is on. */
    public void reauthenticate(String password, String totpCode) {
        SessionCredentials current = requireSession("reauthenticate");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("password", password);
        if (totpCode != null) {
            body.put("totp_code", totpCode);
        }
        Tokens tokens = calls.post("/api/auth/reauthenticate/", body, Tokens.class);
        current.useAccessToken(tokens.access());
    }

    /** {@code POST /api/auth/password-reset/} (no credentials): accepted whatever the email. */
    public void requestPasswordReset(String email) {
        calls.anonymous("POST", "/api/auth/password-reset/", Map.of("email", email), null);
    }

    /** {@code POST /api/auth/password-reset/confirm/} (no credentials): sets the password with a reset link's token. */
    public void confirmPasswordReset(String token, String newPassword) {
        calls.anonymous(
                "POST", "/api/auth/password-reset/confirm/", Map.of("token", token, "new_password", newPassword), null);
    }

    private SessionCredentials requireSession(String operation) {
        if (session == null) {
            throw new IllegalStateException(operation + " needs a client signed in with an email and password");
        }
        return session;
    }
}
