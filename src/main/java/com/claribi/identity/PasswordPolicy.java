package com.claribi.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a new password must be: 8 to 256 characters (long passphrases welcome), not one of the 10,000 most common
 * passwords, and not the account's own email address (NIST SP 800-63B, section 5.1.1.2).
 */
@Component
final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 256;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** The problems with {@code password}, empty when it is acceptable. */
    public List<String> problems(String password, String email) {
        List<String> problems = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add("The password must have at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            problems.add("The password must have at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            problems.add("This password is too common; choose one that is harder to guess.");
        }
        String normalizedEmail = email.trim().toLowerCase(Locale.ROOT);
        int at = normalizedEmail.indexOf('@');
        if (lower.equals(normalizedEmail) || (at > 0 && lower.equals(normalizedEmail.substring(0, at)))) {
            problems.add("The password must not be the email address.");
        }
        return problems;
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>(16_384);
        try (var in = Objects.requireNonNull(
                        PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt"),
                        "identity/common-passwords.txt is missing from the build");
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    passwords.add(line.trim().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}
