package com.claribi.client.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records that carry a secret print {@code ***} in its place, and their other fields as a record does. */
class RedactionUnitTests {

    private static void redacted(Object record, List<String> secrets, String shown) {
        String text = record.toString();
        for (String secret : secrets) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
        assertTrue(text.contains("***"), text);
        assertTrue(text.contains(shown), shown + " not in " + text);
    }

    @Test
    void apiKeyHidesItsKey() {
        ApiKey key = new ApiKey(
                7,
                "ci",
                "claribi_sk_live_ab12",
                ApiKeyScope.READ_ONLY,
                Instant.EPOCH,
                null,
                null,
                null,
                false,
                null,
                "claribi_sk_live_ab12SECRETSECRET",
                new ApiKeyOwner("user", 1, "Ada"));
        redacted(key, List.of("SECRETSECRET"), "prefix=claribi_sk_live_ab12");
    }

    @Test
    void mfaEnrolmentHidesItsSecretUriAndQrCode() {
        MfaEnrolment enrolment = new MfaEnrolment(
                "JBSWY3DPEHPK3PXP",
                "otpauth://totp/clariBI:ada?secret=JBSWY3DPEHPK3PXP",
                "data:image/png;base64,iVBORw0KGgoQRCODE");
        redacted(enrolment, List.of("JBSWY3DPEHPK3PXP", "otpauth://", "iVBORw0KGgoQRCODE"), "MfaEnrolment[");
    }

    @Test
    void mfaConfirmationHidesItsRecoveryCodes() {
        MfaConfirmation confirmation = new MfaConfirmation(true, List.of("abcd-efgh", "ijkl-mnop"));
        redacted(confirmation, List.of("abcd-efgh", "ijkl-mnop"), "enabled=true");
    }

    @Test
    void passwordResetLinkHidesItsUrl() {
        PasswordResetLink link =
                new PasswordResetLink("https://localhost:8443/reset?token=RESETTOKEN123", Instant.EPOCH);
        redacted(link, List.of("RESETTOKEN123", "https://"), "expiresAt=1970-01-01T00:00:00Z");
    }

    @Test
    void newUserHidesItsPassword() {
        NewUser user = new NewUser("ada@example.com", "correct horse battery", Role.EDITOR, "Ada", "Lovelace");
        redacted(user, List.of("correct horse battery"), "email=ada@example.com");
    }

    @Test
    void dataSourceFieldsHideTheirSecrets() {
        DataSourceFields fields = new DataSourceFields(
                "warehouse", "postgresql", Map.of("host", "db.internal"), Map.of("password", "pg-s3cret"));
        redacted(fields, List.of("pg-s3cret", "password"), "config={host=db.internal}");
    }

    @Test
    void tokensHideBothTokens() {
        Tokens tokens = new Tokens("eyJhbGciOiJFUzI1NiJ9.access.sig", "eyJhbGciOiJFUzI1NiJ9.refresh.sig");
        redacted(tokens, List.of("eyJ", "access.sig", "refresh.sig"), "Tokens[");
    }
}
