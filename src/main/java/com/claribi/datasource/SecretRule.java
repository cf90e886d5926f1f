package com.claribi.datasource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which values of a data source's configuration are secrets although the client did not say so (the safety net
 * beside the explicit {@code secrets} object): the one place that decides it, by the value's key, by the value itself,
 * and by a name beside it. Applied at every depth, the rule errs on the side of secrecy: a key such as
 * {@code token_url} is hidden too.
 *
 * <p>By key: a key's name is lower-cased and stripped of everything but letters and digits ({@code Private-Key},
 * {@code private_key} and {@code privateKey} all become {@code privatekey}); it is secret when that
 *
 * <ul>
 *   <li>is {@code sas}, {@code pass} or {@code dsn};
 *   <li>starts with {@code auth} or {@code xauth} ({@code auth_token}, {@code X-Auth}, {@code X-Authorization});
 *   <li>ends with {@code key} ({@code account_key}, {@code encryption_key}, {@code X-Api-Key}), except the names of
 *       things that are not secret: {@code publickey}, {@code primarykey}, {@code foreignkey}, {@code partitionkey},
 *       {@code sortkey};
 *   <li>ends with {@code pw}, {@code pwd} or {@code sig} ({@code pw}, {@code db_pwd}, {@code sig});
 *   <li>contains {@code password}, {@code passwd}, {@code passphrase}, {@code secret}, {@code token},
 *       {@code credential}, {@code privatekey}, {@code apikey}, {@code accesskey}, {@code keyfile},
 *       {@code connectionstring}, {@code authorization}, {@code bearer}, {@code cookie}, {@code serviceaccount},
 *       {@code keyjson} or {@code signature} ({@code sastoken} is {@code token}'s).
 * </ul>
 *
 * Its whole value (a string, or an object such as a service account's {@code credentials}) is the secret.
 *
 * <p>By value, whatever the key (inside arrays too), a string that
 *
 * <ul>
 *   <li>contains a URL with a password in its user information ({@code scheme://user:password@host}, RFC 3986
 *       section 3.2.1; the user may be empty, as in {@code redis://:password@host});
 *   <li>contains a parameter {@code name=value} whose name is a secret key by the rule above: a URL's query or
 *       fragment ({@code ?api_key=...}, {@code &sig=...}, {@code #access_token=...}, RFC 3986 sections 3.4 and 3.5;
 *       the name percent-decoded), a connection string ({@code Server=db;Password=...}), a command-line option
 *       ({@code --password=...});
 *   <li>contains a JSON member whose name is a secret key ({@code {"private_key": ...}} as text);
 *   <li>has a line that is an HTTP header field with a secret name ({@code X-Auth: ...}, RFC 9110 section 5);
 *   <li>starts, after any white space, with {@code -----BEGIN} (a PEM block such as a private key, RFC 7468) or with
 *       {@code Bearer} or {@code Basic} and white space (an HTTP {@code Authorization} value, RFC 6750 and RFC 7617;
 *       in any case).
 * </ul>
 *
 * <p>By a name beside it: in an object that names a header or parameter and gives its value separately, as Grafana's
 * {@code httpHeaderName1}/{@code httpHeaderValue1} or a list of {@code {"key": "X-Auth", "value": ...}}, the value
 * is secret when the name is a secret key. A member whose normalized key contains {@code name} pairs with the one
 * whose key has {@code value} in its place; a member {@code name}, {@code key}, {@code header}, {@code field},
 * {@code param} or {@code parameter} pairs with {@code value}.
 */
final class SecretRule {

    private static final Set<String> NAMES = Set.of("sas", "pass", "dsn");
    private static final List<String> PREFIXES = List.of("auth", "xauth");
    private static final List<String> SUFFIXES = List.of("key", "pw", "pwd", "sig");
    private static final List<String> NOT_SECRET_KEYS =
            List.of("publickey", "primarykey", "foreignkey", "partitionkey", "sortkey");
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

    /** Keys that name a header or parameter whose value is the member {@code value}. */
    private static final Set<String> LABELS = Set.of("name", "key", "header", "field", "param", "parameter");

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
        String name = normalize(key);
        if (NAMES.contains(name)) {
            return true;
        }
        for (String part : PARTS) {
            if (name.contains(part)) {
                return true;
            }
        }
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                return NOT_SECRET_KEYS.stream().noneMatch(name::endsWith);
            }
        }
        return false;
    }

    /** Whether this value is a secret, whatever its key: a string that looks like a credential or holds one. */
    static boolean isSecretValue(JsonNode value) {
        if (!value.isString()) {
            return false;
        }
        String text = value.stringValue();
        return CREDENTIAL_START.matcher(text).lookingAt()
                || containsUrlWithPassword(text)
                || containsSecretParameter(text);
    }

    /**
     * The keys of the members of this object whose values are secret because a member beside them names a secret
     * header or parameter.
     */
    static Set<String> pairedValues(ObjectNode object) {
        Set<String> values = new HashSet<>();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            JsonNode label = member.getValue();
            if (!label.isString() || !isSecretKey(label.stringValue())) {
                continue;
            }
            String name = normalize(member.getKey());
            if (LABELS.contains(name)) {
                values.add("value");
            } else {
                int at = name.lastIndexOf("name");
                if (at >= 0) {
                    values.add(name.substring(0, at) + "value" + name.substring(at + "name".length()));
                }
            }
        }
        Set<String> keys = new HashSet<>();
        if (!values.isEmpty()) {
            object.propertyNames().stream()
                    .filter(key -> values.contains(normalize(key)))
                    .forEach(keys::add);
        }
        return keys;
    }

    /** Lower case letters and digits only; ASCII, as the names it is compared with. */
    private static String normalize(String key) {
        StringBuilder normalized = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = Character.toLowerCase(key.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                normalized.append(c);
            }
        }
        return normalized.toString();
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

    /**
     * Looks at each {@code =} and {@code :} for a secret name just before it and a value just after it. A name is read
     * backwards over name characters only, which never include {@code =} or {@code :}, so each character is read at
     * most twice and a long value costs linear time.
     */
    private static boolean containsSecretParameter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char delimiter = text.charAt(i);
            if (delimiter != '=' && delimiter != ':') {
                continue;
            }
            int end = i;
            char quote = end > 0 ? text.charAt(end - 1) : 0;
            boolean quoted = quote == '"' || quote == '\'';
            if (quoted) {
                end--;
            }
            int start = end;
            while (start > 0 && isNameCharacter(text.charAt(start - 1))) {
                start--;
            }
            if (start == end) {
                continue;
            }
            boolean named;
            if (quoted) {
                // A JSON (or single-quoted) member name: the quote must open the name too.
                named = start > 0 && text.charAt(start - 1) == quote && valueFollows(text, i + 1, true);
            } else if (delimiter == '=') {
                named = valueFollows(text, i + 1, false);
            } else {
                // A header field line: the name starts a line, white space and a value follow the colon.
                named = startsLine(text, start)
                        && i + 1 < text.length()
                        && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t')
                        && valueFollows(text, i + 1, true);
            }
            if (named && isSecretKey(percentDecoded(text.substring(start, end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNameCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '%' || c == '[' || c == ']';
    }

    private static boolean startsLine(String text, int at) {
        int i = at;
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
            i--;
        }
        return i == 0 || text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r';
    }

    /**
     * Whether a value starts at {@code at} (after white space when {@code skipSpace}): not the end, nor a character
     * that ends a parameter; {@code ==} is base64 padding, not an assignment.
     */
    private static boolean valueFollows(String text, int at, boolean skipSpace) {
        int i = at;
        while (skipSpace && i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return !Character.isWhitespace(c) && "&;#,}=".indexOf(c) < 0;
    }

    /** The name with {@code %XX} sequences decoded (RFC 3986 section 2.1); a malformed one is kept as it is. */
    private static String percentDecoded(String name) {
        if (name.indexOf('%') < 0) {
            return name;
        }
        StringBuilder decoded = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length()) {
                int high = Character.digit(name.charAt(i + 1), 16);
                int low = Character.digit(name.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    decoded.append((char) (high * 16 + low));
                    i += 2;
                    continue;
                }
            }
            decoded.append(c);
        }
        return decoded.toString();
    }
}
