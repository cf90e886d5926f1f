package com.claribi.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A single-use recovery code: 16 characters of Crockford's base32 (80 random bits) shown as {@code xxxx-xxxx-xxxx-xxxx}.
 * Only a SHA-256 hash is stored. A slow password hash would add nothing here: unlike a password, the code is not
 * guessable from a dictionary, and 2^80 candidates are out of reach of any offline search. A fast hash also lets a
 * code be found with one indexed lookup and spent with one conditional update.
 */
final class RecoveryCode {

    static final int COUNT = 10;
    private static final int LENGTH = 16;
    /** Crockford's base32: no I, L, O or U, so that a code read aloud or copied by hand survives. */
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCode() {}

    static String generate() {
        StringBuilder code = new StringBuilder(LENGTH + 3);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The code as stored: lower case, without separators or spaces, with the letters Crockford's base32 reads as digits
     * (i and l as 1, o as 0). Null when the input cannot be a recovery code.
     */
    static @Nullable String normalize(@Nullable String input) {
        if (input == null || input.length() > 64) {
            return null;
        }
        StringBuilder normalized = new StringBuilder(LENGTH);
        for (char c : input.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char mapped = switch (c) {
                case 'i', 'l' -> '1';
                case 'o' -> '0';
                default -> c;
            };
            if (ALPHABET.indexOf(mapped) < 0) {
                return null;
            }
            normalized.append(mapped);
        }
        return normalized.length() == LENGTH ? normalized.toString() : null;
    }

    static String hash(String normalized) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
