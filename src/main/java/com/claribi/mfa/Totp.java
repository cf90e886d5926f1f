package com.claribi.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 TOTP as authenticator apps compute it: HMAC-SHA-1, 6 digits, 30-second steps (the algorithm is java-otp's),
 * and the key URI they scan.
 */
final class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    static final String ISSUER = "clariBI";
    /** RFC 4226 section 4, R6: a shared secret of 160 bits is recommended. */
    static final int SECRET_BYTES = 20;

    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator(
            STEP, DIGITS, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The secret as authenticator apps take it: base32 (RFC 4648), without padding. */
    static String base32(byte[] secret) {
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /** The associated data that binds an encrypted secret to its user, so a stored value cannot be moved. */
    static String purpose(long userId) {
        return "totp:" + userId;
    }

    /** RFC 6238 section 4.2: T = floor((unix time - T0) / X), T0 = 0, X = 30 s. */
    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
    }

    static String code(byte[] secret, long step) {
        try {
            return GENERATOR.generateOneTimePasswordString(
                    new SecretKeySpec(secret, "HmacSHA1"), Instant.ofEpochSecond(step * STEP.toSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("A TOTP secret is not a valid HMAC key", e);
        }
    }

    /**
     * The steps of the window around {@code current} whose code is {@code code}, oldest first. RFC 6238 section 5.2
     * allows one step of delay; we also allow one step ahead, for a phone whose clock runs a little fast.
     */
    static List<Long> matchingSteps(byte[] secret, String code, long current) {
        byte[] submitted = code.getBytes(StandardCharsets.US_ASCII);
        List<Long> steps = new ArrayList<>(1);
        for (long step = current - 1; step <= current + 1; step++) {
            if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII), submitted)) {
                steps.add(step);
            }
        }
        return steps;
    }

    /**
     * The Key URI Format of Google Authenticator: {@code otpauth://totp/clariBI:<email>?secret=...&issuer=clariBI}.
     * The defaults it leaves out (SHA1, 6 digits, 30 s) are ours.
     */
    static String otpauthUri(String email, String base32Secret) {
        return "otpauth://totp/" + ISSUER + ":" + encodeLabel(email) + "?secret=" + base32Secret + "&issuer=" + ISSUER;
    }

    /**
     * Percent-encodes the account name as an RFC 3986 path segment, keeping {@code @} (legal there) so that an
     * ordinary email reads as itself; a colon is encoded, since it separates the issuer from the account.
     */
    static String encodeLabel(String account) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : account.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~@".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
