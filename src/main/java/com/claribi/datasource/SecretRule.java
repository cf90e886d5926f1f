package com.claribi.datasource;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Which values of a data source's configuration are secrets: the one place that decides it, by the value's key and by
 * the value itself. Applied at every depth, the rule errs on the side of secrecy: a key such as {@code token_url} is
 * hidden too.
 *
 * <p>By key: a key's name is lower-cased and stripped of everything but letters and digits ({@code Private-Key},
 * {@code private_key} and {@code privateKey} all become {@code privatekey}); it is secret when that is {@code key},
 * {@code auth}, {@code sas}, {@code pass}, {@code pwd} or {@code dsn}, or contains {@code password}, {@code passwd},
 * {@code passphrase}, {@code secret}, {@code token}, {@code credential}, {@code privatekey}, {@code apikey},
 * {@code accesskey}, {@code keyfile}, {@code connectionstring}, {@code authorization}, {@code bearer},
 * {@code cookie}, {@code serviceaccount}, {@code keyjson} or {@code signature} ({@code sastoken}
 * is {@code token}'s). Its whole value
 * (a string, or an object such as a service account's {@code credentials}) is the secret.
 *
 * <p>By value, whatever the key (inside arrays too): a string that contains a URL with a password in its user
 * information ({@code scheme://user:password@host}, RFC 3986 section 3.2.1; the user may be empty, as in
 * {@code redis://:password@host}), or that starts, after any white space, with {@code -----BEGIN} (a PEM block such
 * as a private key, RFC 7468) or with {@code Bearer} or {@code Basic} and white space (an HTTP {@code Authorization}
 * value, RFC 6750 and RFC 7617; in any case).
 */
final class SecretRule {

    private static final Set<String> NAMES = Set.of("key", "auth", "sas", "pass", "pwd", "dsn");
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
            "connectionstring",
            "authorization",
            "bearer",
            "cookie",
            "serviceaccount",
            "keyjson",
            "signature");

    /**
     * Within a piece of text free of white space and {@code @} and followed by {@code @}: {@code ://}, a user without
     * {@code / ? # :} (possibly empty), {@code :} and a non-empty password. The password may hold any such character,
     * so one with an unencoded {@code /} or {@code #} is still caught (at the price of also sealing a URL such as
     * {@code https://host:8080/a@b}).
     */
    private static final Pattern USER_AND_PASSWORD = Pattern.compile("(?s)://[^/?#:]*:.");

    /** A PEM block's opening line, or an HTTP {@code Authorization} value of the Bearer or Basic scheme. */
    private static final Pattern CREDENTIAL_START = Pattern.compile("\\s*(?:-----BEGIN|(?i:bearer|basic)\\s)");

    private SecretRule() {}

    /** Whether the value under this key is a secret, whatever the value. */
    static boolean isSecretKey(String key) {
        StringBuilder normalized = new StringBuilder(key.length());
        key.toLowerCase(Locale.ROOT)
                .codePoints()
                .filter(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                .forEach(normalized::appendCodePoint);
        String name = normalized.toString();
        return NAMES.contains(name) || PARTS.stream().anyMatch(name::contains);
    }

    /** Whether this value is a secret, whatever its key: a string that looks like a credential. */
    static boolean isSecretValue(JsonNode value) {
        if (!value.isString()) {
            return false;
        }
        String text = value.stringValue();
        return CREDENTIAL_START.matcher(text).lookingAt() || containsUrlWithPassword(text);
    }

    /**
     * Cuts the text at white space and {@code @}, and tries the pattern only on pieces that end at an {@code @}: the
     * pieces do not overlap, so a long value costs linear time, where one regular expression over the whole text
     * would backtrack quadratically on input such as {@code ://:} repeated.
     */
    private static boolean containsUrlWithPassword(String text) {
        Matcher matcher = USER_AND_PASSWORD.matcher(text);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@' && matcher.region(start, i).find()) {
                return true;
            }
            if (c == '@' || Character.isWhitespace(c)) {
                start = i + 1;
            }
        }
        return false;
    }
}
