package com.claribi.client;

import com.claribi.client.model.Tokens;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * A session's tokens, signed in with an email and password (and a TOTP code when a supplier is given): the access
 * token is renewed with the refresh token {@code refreshBefore} ahead of its expiry (at most half its lifetime ahead)
 * and once after a 401, and the client signs in again when the refresh token is refused. One renewal at a time:
 * threads that find the token stale together wait for the one that renews it.
 *
 * <p>A sign-in refused for the credentials themselves ({@code invalid_credentials}, {@code invalid_mfa_code}, {@code
 * mfa_locked}) is remembered: every later request throws it again without contacting the server, so that a client with
 * a wrong password does not spend the account's budget of failed sign-ins (and lock it) one call at a time.
 */
final class SessionCredentials implements Credentials {

    private static final JavaType TOKENS = Transport.type(Tokens.class);

    /** The error codes of a sign-in that the same credentials would get again. */
    private static final Set<String> REFUSALS = Set.of("invalid_credentials", "invalid_mfa_code", "mfa_locked");

    /** The tokens, and when the access token is to be renewed ahead of its expiry. */
    private record Session(String access, String refresh, Instant renewAt) {}

    private final Transport transport;
    private final String email;
    /** The password signing in uses: the one given, or the new one after {@link #passwordChanged}. */
    private volatile String password;

    private final Supplier<String> totp;
    private final Duration refreshBefore;
    private final Clock clock;
    private final ClaribiListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Session session;
    /** The refusal of the credentials at a sign-in, thrown again instead of signing in; null until one. */
    private volatile AuthenticationException refused;

    SessionCredentials(
            Transport transport,
            String email,
            String password,
            Supplier<String> totp,
            Duration refreshBefore,
            Clock clock,
            ClaribiListener listener) {
        this.transport = transport;
        this.email = Objects.requireNonNull(email, "email");
        this.password = Objects.requireNonNull(password, "password");
        this.totp = totp;
        this.refreshBefore = refreshBefore;
        this.clock = clock;
        this.listener = listener;
    }

    @Override
    public String apply(HttpRequest.Builder request) {
        String access = access();
        request.header("Authorization", "Bearer " + access);
        return access;
    }

    @Override
    public boolean recover(String sent) {
        lock.lock();
        try {
            Session current = session;
            if (current != null && !current.access().equals(sent)) {
                // Another thread renewed the token since this request was sent: send it again with the new one.
                return true;
            }
            session = current == null ? signIn() : refreshOrSignIn(current);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A valid access token, signing in or refreshing first when there is none or it is about to expire. */
    String access() {
        Session current = session;
        if (fresh(current)) {
            return current.access();
        }
        lock.lock();
        try {
            current = session;
            if (!fresh(current)) {
                current = current == null ? signIn() : refreshOrSignIn(current);
                session = current;
            }
            return current.access();
        } finally {
            lock.unlock();
        }
    }

    /** The refresh token of the current session, or null before the first sign-in. */
    String refreshToken() {
        Session current = session;
        return current == null ? null : current.refresh();
    }

    /** Replaces the access token of the current session (re-authentication issues a new one with a fresh auth_time). */
    void useAccessToken(String access) {
        lock.lock();
        try {
            Session current = session;
            session = newSession(access, current == null ? null : current.refresh());
        } finally {
            lock.unlock();
        }
    }

    /** The user's password is now {@code newPassword} (changed through this client): later sign-ins use it. */
    void passwordChanged(String newPassword) {
        password = Objects.requireNonNull(newPassword, "newPassword");
    }

    /** Renews the access token now with the refresh token (signing in when there is no session or it is refused). */
    void refresh() {
        lock.lock();
        try {
            Session current = session;
            session = current == null ? signIn() : refreshOrSignIn(current);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the session (after a logout): the next request signs in again. */
    void forget() {
        lock.lock();
        try {
            session = null;
        } finally {
            lock.unlock();
        }
    }

    private boolean fresh(Session candidate) {
        return candidate != null
                && candidate.access() != null
                && clock.instant().isBefore(candidate.renewAt());
    }

    private Session newSession(String access, String refresh) {
        return new Session(access, refresh, renewAt(access, refreshBefore, clock.instant()));
    }

    /**
     * When an access token is to be renewed: {@code refreshBefore} ahead of its expiry, but at most half its lifetime
     * ({@code iat} to {@code exp}) ahead, so that a token that lives no longer than the margin is not renewed at every
     * request. {@code received} stands in for a missing {@code iat}.
     */
    static Instant renewAt(String access, Duration refreshBefore, Instant received) {
        Instant expiry = expiry(access);
        if (expiry.equals(Instant.MAX)) {
            return Instant.MAX;
        }
        Instant issued = Objects.requireNonNullElse(claim(access, "iat"), received);
        Duration half = Duration.between(issued, expiry).dividedBy(2);
        Duration margin = half.isNegative() ? Duration.ZERO : half;
        return expiry.minus(margin.compareTo(refreshBefore) < 0 ? margin : refreshBefore);
    }

    private Session refreshOrSignIn(Session current) {
        if (current.refresh() == null) {
            return signIn();
        }
        try {
            Tokens tokens = transport.send(
                    "POST",
                    transport.uri("/api/auth/token/refresh/"),
                    Map.of("refresh", current.refresh()),
                    null,
                    TOKENS);
            listener.refreshed();
            // With CLARIBI_REFRESH_ROTATION=on the answer carries a new refresh token, which replaces the old one.
            String refresh = tokens.refresh() != null ? tokens.refresh() : current.refresh();
            return newSession(tokens.access(), refresh);
        } catch (AuthenticationException refused) {
            // The refresh token expired, was revoked or its session ended: the credentials start a new session.
            return signIn();
        }
    }

    private Session signIn() {
        AuthenticationException before = refused;
        if (before != null) {
            throw new AuthenticationException(
                    before.status(),
                    before.error(),
                    before.getMessage(),
                    before.detail(),
                    before.fields(),
                    before.requestId().orElse(null),
                    before);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        if (totp != null) {
            body.put("totp_code", totp.get());
        }
        Tokens tokens;
        try {
            tokens = transport.send("POST", transport.uri("/api/auth/login/"), body, null, TOKENS);
        } catch (AuthenticationException e) {
            if (REFUSALS.contains(e.error())) {
                refused = e;
            }
            throw e;
        }
        listener.signedIn();
        return newSession(tokens.access(), tokens.refresh());
    }

    /** The {@code exp} claim of a JWT (RFC 7519 section 4.1.4), or {@link Instant#MAX} when it has none. */
    static Instant expiry(String jwt) {
        return Objects.requireNonNullElse(claim(jwt, "exp"), Instant.MAX);
    }

    /**
     * A NumericDate claim of a JWT ({@code exp}, {@code iat}: RFC 7519 section 2), read without verifying (the server
     * verifies it); null when the token has none or is not a JWT this client can read.
     */
    static Instant claim(String jwt, String name) {
        String[] parts = jwt.split("\\.");
        if (parts.length == 3) {
            try {
                JsonNode claims = Transport.JSON.readTree(
                        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
                JsonNode value = claims.get(name);
                if (value != null && value.isNumber()) {
                    return Instant.ofEpochSecond(value.asLong());
                }
            } catch (IllegalArgumentException | JacksonException unreadable) {
                // Not a JWT this client can read: rely on the server's 401 to say when it expired.
            }
        }
        return null;
    }
}
