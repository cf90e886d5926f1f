package com.claribi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.claribi.client.model.Role;
import com.claribi.client.model.Session;
import com.claribi.client.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client signed in with an email and password: sign-in, refresh ahead of expiry and on a 401, sign-in again. */
@ExtendWith(TestServer.Extension.class)
class SessionClientTests {

    private final TestServer server;

    SessionClientTests(TestServer server) {
        this.server = server;
    }

    @Test
    void signsInAtTheFirstRequestOnly() {
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .credentials(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)
                .listener(counts)
                .build()) {
            assertEquals(0, counts.signIns.get());
            for (int i = 0; i < 3; i++) {
                assertEquals(
                        TestServer.ADMIN_EMAIL, client.auth().status().user().email());
            }
            assertEquals(Role.ADMINISTRATOR, client.auth().status().user().role());
            assertEquals(1, counts.signIns.get());
            assertEquals(0, counts.refreshes.get());
        }
    }

    @Test
    void refreshesTheAccessTokenShortlyBeforeItExpires() {
        Counts counts = new Counts();
        FixedClock clock = new FixedClock();
        try (ClaribiClient client = server.builder()
                .credentials(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)
                .refreshBefore(Duration.ofSeconds(60))
                .clock(clock)
                .listener(counts)
                .build()) {
            client.auth().status();
            Instant expiry = SessionCredentials.expiry(session(client).access());
            clock.set(expiry.minusSeconds(61));
            client.auth().status();
            assertEquals(0, counts.refreshes.get(), "61 s before expiry the token is used as it is");

            // A refreshed token expires at least a second later (exp has seconds precision).
            TestServer.sleep(Duration.ofMillis(1100));
            clock.set(expiry.minusSeconds(60));
            client.auth().status();
            client.auth().status();
            assertEquals(1, counts.refreshes.get());
            assertEquals(1, counts.signIns.get());
            assertTrue(SessionCredentials.expiry(session(client).access()).isAfter(expiry));
        }
    }

    @Test
    void aMarginBeyondTheTokensLifetimeRefreshesHalfwayThroughIt() {
        Counts counts = new Counts();
        FixedClock clock = new FixedClock();
        try (ClaribiClient client = server.builder()
                .credentials(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)
                .refreshBefore(Duration.ofDays(1))
                .clock(clock)
                .listener(counts)
                .build()) {
            client.auth().status();
            String access = session(client).access();
            Instant issued = SessionCredentials.claim(access, "iat");
            Instant halfway = issued.plus(
                    Duration.between(issued, SessionCredentials.expiry(access)).dividedBy(2));
            clock.set(halfway.minusSeconds(1));
            for (int i = 0; i < 3; i++) {
                client.auth().status();
            }
            assertEquals(0, counts.refreshes.get(), "before halfway the token is used as it is");

            // A refreshed token is issued at least a second later (iat has seconds precision).
            TestServer.sleep(Duration.ofMillis(1100));
            clock.set(halfway);
            client.auth().status();
            client.auth().status();
            assertEquals(1, counts.refreshes.get());
            assertEquals(1, counts.signIns.get());
        }
    }

    @Test
    void refreshRenewsTheAccessTokenAtOnce() {
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .credentials(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)
                .listener(counts)
                .build()) {
            client.auth().refresh();
            assertEquals(1, counts.signIns.get(), "no session yet: it signs in");
            String before = session(client).access();
            String refresh = session(client).refreshToken();
            TestServer.sleep(Duration.ofMillis(1100));

            client.auth().refresh();
            assertEquals(1, counts.refreshes.get());
            assertEquals(1, counts.responsesTo("POST", "/api/auth/token/refresh/"));
            assertTrue(!before.equals(session(client).access()));
            assertEquals(refresh, session(client).refreshToken(), "the refresh token does not change");
            assertEquals(TestServer.ADMIN_EMAIL, client.auth().status().user().email());
            assertEquals(1, counts.signIns.get());
        }
    }

    @Test
    void refreshesOnceWhenTheServerRefusesTheAccessToken() {
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .credentials(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)
                .listener(counts)
                .build()) {
            client.auth().status();
            // A token the client believes valid but the server refuses (as one whose signing key the server lost).
            session(client).useAccessToken("not-a-valid-token");

            assertEquals(TestServer.ADMIN_EMAIL, client.auth().status().user().email());
            assertEquals(1, counts.refreshes.get());
            assertEquals(1, counts.signIns.get());
            assertEquals(
                    List.of("GET /api/auth/status/ 200", "GET /api/auth/status/ 401", "GET /api/auth/status/ 200"),
                    counts.responses.stream()
                            .filter(response -> response.startsWith("GET /api/auth/status/"))
                            .toList());
        }
    }

    @Test
    void signsInAgainWhenTheRefreshTokenIsRefused() {
        User user = server.createUser(Role.EDITOR);
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                        .credentials(user.email(), TestServer.passwordOf(user.email()))
                        .listener(counts)
                        .build();
                ClaribiClient other = server.builder()
                        .credentials(user.email(), TestServer.passwordOf(user.email()))
                        .build()) {
            client.auth().status();
            // Every session of the user ends: the client's access and refresh tokens are both refused.
            other.auth().logoutAll();

            assertEquals(user.email(), client.auth().status().user().email());
            assertEquals(2, counts.signIns.get());
            assertEquals(0, counts.refreshes.get());
            assertTrue(counts.responses.contains("POST /api/auth/token/refresh/ 401"));
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationException() {
        try (ClaribiClient client = server.builder()
                .credentials(TestServer.ADMIN_EMAIL, "not-the-password")
                .build()) {
            AuthenticationException e = assertThrows(
                    AuthenticationException.class, () -> client.auth().status());
            assertEquals(401, e.status());
            assertEquals("invalid_credentials", e.error());
            assertTrue(!e.message().isBlank());
        }
    }

    @Test
    void logoutEndsTheSessionAndTheNextRequestSignsInAgain() {
        User user = server.createUser(Role.VIEWER);
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .credentials(user.email(), TestServer.passwordOf(user.email()))
                .listener(counts)
                .build()) {
            List<Session> sessions = client.sessions().list().toList();
            assertEquals(1, sessions.size());
            assertTrue(sessions.get(0).current());
            String refresh = session(client).refreshToken();

            client.auth().logout();
            client.auth().status();

            assertEquals(2, counts.signIns.get());
            assertTrue(!refresh.equals(session(client).refreshToken()));
            assertEquals(1, client.sessions().list().count(), "the first session ended");
        }
    }

    @Test
    void reauthenticationReplacesTheAccessToken() {
        User user = server.createUser(Role.EDITOR);
        String password = TestServer.passwordOf(user.email());
        try (ClaribiClient client =
                server.builder().credentials(user.email(), password).build()) {
            client.auth().status();
            String before = session(client).access();
            TestServer.sleep(Duration.ofMillis(1100));
            client.auth().reauthenticate(password);
            assertTrue(!before.equals(session(client).access()));
            assertEquals(user.email(), client.auth().status().user().email());

            AuthenticationException wrong = assertThrows(
                    AuthenticationException.class, () -> client.auth().reauthenticate("wrong-password"));
            assertEquals(400, wrong.status());
            assertEquals("invalid_credentials", wrong.error());
        }
    }

    @Test
    void endingTheOwnSessionByItsIdSignsInAgain() {
        User user = server.createUser(Role.VIEWER);
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .credentials(user.email(), TestServer.passwordOf(user.email()))
                .listener(counts)
                .build()) {
            Session current = client.sessions()
                    .list()
                    .filter(Session::current)
                    .findFirst()
                    .orElseThrow();
            client.sessions().end(current.id());
            assertEquals(user.id(), client.auth().status().user().id());
            assertEquals(2, counts.signIns.get());
        }
    }

    @Test
    void aRefusedSignInIsRememberedNotRepeated() {
        User user = server.createUser(Role.VIEWER);
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .credentials(user.email(), "not-the-password")
                .listener(counts)
                .build()) {
            AuthenticationException first = assertThrows(
                    AuthenticationException.class, () -> client.auth().status());
            AuthenticationException second = assertThrows(
                    AuthenticationException.class,
                    () -> client.dashboards().list().toList());
            assertEquals("invalid_credentials", first.error());
            assertEquals("invalid_credentials", second.error());
            assertEquals(401, second.status());
            assertEquals(1, counts.responsesTo("POST", "/api/auth/login/"), counts.responses.toString());
            assertEquals(List.of("POST /api/auth/login/ 401"), counts.responses);
        }
        // The account's budget is not spent: the right password still signs in.
        try (ClaribiClient client = server.builder()
                .credentials(user.email(), TestServer.passwordOf(user.email()))
                .build()) {
            assertEquals(user.id(), client.auth().status().user().id());
        }
    }

    @Test
    void changedPasswordSignsIn() {
        User user = server.createUser(Role.VIEWER);
        String old = TestServer.passwordOf(user.email());
        try (ClaribiClient client =
                server.builder().credentials(user.email(), old).build()) {
            client.auth().changePassword(old, old + "-changed");
            // Its session ended (as after a logout): the next call signs in again, with the new password.
            client.auth().logout();
            assertEquals(user.id(), client.auth().status().user().id());
        }
        try (ClaribiClient client =
                server.builder().credentials(user.email(), old + "-changed").build()) {
            assertEquals(user.id(), client.auth().status().user().id());
        }
    }

    static SessionCredentials session(ClaribiClient client) {
        return (SessionCredentials) client.credentials();
    }
}
