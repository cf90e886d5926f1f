package com.claribi.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The secret format: {@code claribi_sk_live_}, 32 base62 characters from a CSPRNG (190 bits), and a 6-character
 * base62 CRC32 of those 32 characters, the scheme GitHub's tokens use, so a scanner can tell a real key from a typo
 * without the database. Only the SHA-256 of the whole secret is stored.
 */
final class ApiKeySecret {

    static final String PREFIX = "claribi_sk_live_";
    static final int RANDOM_LENGTH = 32;
    static final int CHECKSUM_LENGTH = 6;
    static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    /** What the key object shows: enough to recognise a key, far too little to guess the rest. */
    static final int DISPLAY_PREFIX_LENGTH = PREFIX.length() + 8;

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecret() {}

    static String generate() {
        StringBuilder random = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            random.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return PREFIX + random + checksum(random);
    }

    /** Whether {@code candidate} has the shape and the checksum of a key; a typo fails here, offline. */
    static boolean wellFormed(String candidate) {
        if (candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (BASE62.indexOf(candidate.charAt(i)) < 0) {
                return false;
            }
        }
        String random = candidate.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        return MessageDigest.isEqual(
                checksum(random).getBytes(StandardCharsets.US_ASCII),
                candidate.substring(PREFIX.length() + RANDOM_LENGTH).getBytes(StandardCharsets.US_ASCII));
    }

    static String checksum(CharSequence random) {
        CRC32 crc = new CRC32();
        crc.update(random.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(digits);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String displayPrefix(String secret) {
        return secret.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, secret.length()));
    }
}
