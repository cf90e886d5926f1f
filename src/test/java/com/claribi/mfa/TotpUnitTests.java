package com.claribi.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 codes, the one-step window either way, and the key URI. */
class TotpUnitTests {

    /** RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890". */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** Appendix B's 8-digit SHA-1 values, of which a 6-digit code is the last six digits (RFC 4226 section 5.3). */
    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void codesMatchRfc6238TestVectors(long unixTime, String eightDigits) {
        long step = Totp.step(Instant.ofEpochSecond(unixTime));
        assertThat(Totp.code(RFC_SECRET, step)).isEqualTo(eightDigits.substring(2));
    }

    @Test
    void stepIsThirtySecondsSinceTheEpoch() {
        assertThat(Totp.step(Instant.ofEpochSecond(0))).isZero();
        assertThat(Totp.step(Instant.ofEpochSecond(29))).isZero();
        assertThat(Totp.step(Instant.ofEpochSecond(30))).isEqualTo(1);
        assertThat(Totp.step(Instant.ofEpochSecond(1_111_111_111))).isEqualTo(37_037_037);
    }

    @Test
    void codeOfStepBeforeOrAfterMatchesButNotTwoAway() {
        byte[] secret = Totp.newSecret();
        long current = 58_000_000;
        assertThat(Totp.matchingSteps(secret, Totp.code(secret, current), current))
                .containsExactly(current);
        assertThat(Totp.matchingSteps(secret, Totp.code(secret, current - 1), current))
                .containsExactly(current - 1);
        assertThat(Totp.matchingSteps(secret, Totp.code(secret, current + 1), current))
                .containsExactly(current + 1);
        assertThat(Totp.matchingSteps(secret, Totp.code(secret, current - 2), current))
                .doesNotContain(current - 2);
        assertThat(Totp.matchingSteps(secret, Totp.code(secret, current + 2), current))
                .doesNotContain(current + 2);
    }

    @Test
    void secretIs160BitsInBase32WithoutPadding() {
        byte[] secret = Totp.newSecret();
        assertThat(secret).hasSize(20);
        assertThat(Totp.base32(secret)).matches("[A-Z2-7]{32}");
        assertThat(Totp.base32(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void otpauthUriNamesIssuerAndAccount() {
        assertThat(Totp.otpauthUri("jane@acme.example", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
                .isEqualTo("otpauth://totp/clariBI:jane@acme.example"
                        + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=clariBI");
    }

    @Test
    void otpauthLabelIsPercentEncoded() {
        assertThat(Totp.encodeLabel("jane+bi@acme.example")).isEqualTo("jane%2Bbi@acme.example");
        assertThat(Totp.encodeLabel("a b:c/d?e#f%g&h")).isEqualTo("a%20b%3Ac%2Fd%3Fe%23f%25g%26h");
        assertThat(Totp.encodeLabel("josé@acme.example")).isEqualTo("jos%C3%A9@acme.example");
    }
}
