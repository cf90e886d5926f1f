package com.claribi.datasource;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which keys of a data source's configuration hold secrets. A key's name is lower-cased and stripped of everything
 * but letters and digits ({@code Private-Key}, {@code private_key} and {@code privateKey} all become
 * {@code privatekey}); it is secret when that is {@code pass}, {@code pwd} or {@code dsn}, or contains
 * {@code password}, {@code passwd}, {@code passphrase}, {@code secret}, {@code token}, {@code credential},
 * {@code privatekey}, {@code apikey}, {@code accesskey}, {@code keyfile} or {@code connectionstring}. The rule is
 * applied at every depth, and errs on the side of secrecy: a key such as {@code token_url} is hidden too.
 */
final class SecretKeys {

    private static final Set<String> NAMES = Set.of("pass", "pwd", "dsn");
    private static final List<String> PARTS = List.of(
            "password",
            "passwd",
            "passphrase",
            "secret",
            "token",
            "credential",
            "privatekey",
            "apikey",
            "accesskey",
            "keyfile",
            "connectionstring");

    private SecretKeys() {}

    static boolean isSecret(String key) {
        StringBuilder normalized = new StringBuilder(key.length());
        key.toLowerCase(Locale.ROOT)
                .codePoints()
                .filter(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                .forEach(normalized::appendCodePoint);
        String name = normalized.toString();
        return NAMES.contains(name) || PARTS.stream().anyMatch(name::contains);
    }
}
