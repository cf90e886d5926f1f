package com.claribi.platform;

import com.claribi.platform.internal.FilePermissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (private signing keys, TOTP secrets) with AES-256-GCM under the master key:
 * {@code CLARIBI_MASTER_KEY} (base64 of 32 bytes) or {@code master.key} generated in the data directory.
 */
@Component
public final class MasterKey {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    MasterKey(PlatformProperties properties, DataDirectory dataDirectory) {
        this.key = new SecretKeySpec(load(properties, dataDirectory), "AES");
    }

    /** Encrypts {@code plaintext}; {@code purpose} is bound as associated data so a value cannot be moved. */
    public String encrypt(String purpose, byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public byte[] decrypt(String purpose, String sealed) {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalStateException("Unknown encrypted value format");
        }
        byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "A stored secret cannot be decrypted: the master key (CLARIBI_MASTER_KEY or "
                            + "data/master.key) is not the one it was encrypted with",
                    e);
        }
    }

    private static byte[] load(PlatformProperties properties, DataDirectory dataDirectory) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return decode(properties.masterKey().trim(), "CLARIBI_MASTER_KEY");
        }
        Path file = dataDirectory.masterKeyFile();
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).trim(), file.toString());
            }
            dataDirectory.root();
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            FilePermissions.writeSecret(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " must be base64 of 32 random bytes");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(source + " must be base64 of 32 random bytes, got " + bytes.length);
        }
        return bytes;
    }
}
