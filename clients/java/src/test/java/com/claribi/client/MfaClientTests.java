package com.claribi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.claribi.client.model.MfaConfirmation;
import com.claribi.client.model.MfaEnrolment;
import com.claribi.client.model.Role;
import com.claribi.client.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user with two-factor authentication: the client signs in with a code from its TOTP supplier. */
@ExtendWith(TestServer.Extension.class)
class MfaClientTests {

    private final TestServer server;

    MfaClientTests(TestServer server) {
        this.server = server;
    }

    @Test
    void signsInWithACodeFromTheSupplier() {
        User user = server.createUser(Role.EDITOR);
        String password = TestServer.passwordOf(user.email());
        Totp authenticator;
        try (ClaribiClient client =
                server.builder().credentials(user.email(), password).build()) {
            assertFalse(client.mfa().status().enabled());
            MfaEnrolment enrolment = client.mfa().setup();
            assertTrue(enrolment.otpauthUri().startsWith("otpauth://totp/"));
            assertTrue(enrolment.qrCode().startsWith("data:image/"));
            authenticator = new Totp(enrolment.secret());
            // The previous step's code (accepted, RFC 6238 section 5.2), so that the current one is left for the login.
            MfaConfirmation confirmation =
                    client.mfa().confirm(authenticator.code(Instant.now().minus(Duration.ofSeconds(30))));
            assertTrue(confirmation.enabled());
            assertEquals(10, confirmation.recoveryCodes().size());
            assertEquals(10, client.mfa().status().recoveryCodesRemaining());
        }

        try (ClaribiClient withoutCode =
                server.builder().credentials(user.email(), password).build()) {
            AuthenticationException e = assertThrows(
                    AuthenticationException.class, () -> withoutCode.auth().status());
            assertEquals("mfa_required", e.error());
        }
        try (ClaribiClient wrongCode = server.builder()
                .credentials(user.email(), password)
                .totp(() -> authenticator.code(Instant.now().plus(Duration.ofHours(1))))
                .build()) {
            AuthenticationException e = assertThrows(
                    AuthenticationException.class, () -> wrongCode.auth().status());
            assertEquals("invalid_mfa_code", e.error());
        }

        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .credentials(user.email(), password)
                .totp(() -> authenticator.code(Instant.now()))
                .listener(counts)
                .build()) {
            assertEquals(user.email(), client.auth().status().user().email());
            assertTrue(client.mfa().status().enabled());
            assertEquals(1, counts.signIns.get());
        }
    }

    @Test
    void recoveryCodesAreReplacedAndTurnMfaOff() {
        User user = server.createUser(Role.VIEWER);
        String password = TestServer.passwordOf(user.email());
        try (ClaribiClient client =
                server.builder().credentials(user.email(), password).build()) {
            Totp authenticator = new Totp(client.mfa().setup().secret());
            List<String> first = client.mfa()
                    .confirm(authenticator.code(Instant.now().minus(Duration.ofSeconds(30))))
                    .recoveryCodes();

            List<String> second = client.mfa().regenerateRecoveryCodes(authenticator.code(Instant.now()));
            assertEquals(10, second.size());
            assertTrue(Collections.disjoint(first, second), "a new set");
            assertEquals(10, client.mfa().status().recoveryCodesRemaining());
            ClaribiException oldSet =
                    assertThrows(ClaribiException.class, () -> client.mfa().disable(first.get(0)));
            assertEquals("invalid_mfa_code", oldSet.error());
            assertTrue(client.mfa().status().enabled());

            client.mfa().disable(second.get(0));
            assertFalse(client.mfa().status().enabled());
        }
        // Without MFA the password alone signs in again.
        try (ClaribiClient client =
                server.builder().credentials(user.email(), password).build()) {
            assertEquals(user.id(), client.auth().status().user().id());
        }
    }
}
