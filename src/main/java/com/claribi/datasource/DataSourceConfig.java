package com.claribi.datasource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A data source's configuration split in two: what may be shown, and the secret values, which are stored encrypted
 * and never shown. A value is secret when the client sent it in {@code secrets}, when {@link SecretRule} says so, or
 * when it was secret before and no request has replaced it since. The secrets are kept as a JSON object from each
 * value's JSON Pointer (RFC 6901) in the whole configuration to the value; {@code secretFields} lists the same places
 * for clients, as paths like {@code password}, {@code ssh.private_key}, {@code replicas[0].password} or
 * {@code urls[1]} ({@link #path}). A secret inside an array is replaced by null in what is shown, so the other
 * elements keep their indexes.
 */
record DataSourceConfig(ObjectNode visible, ObjectNode secrets, List<String> secretFields) {

    /**
     * Levels of nesting a configuration may have, itself included ({@code {}} has one, {@code {"a": [{}]}} three):
     * enough for any connection settings, and far below what Jackson will read or write (500), which an answer's
     * envelope would otherwise push a stored configuration past, breaking the list of the whole organization.
     */
    static final int MAX_DEPTH = 32;

    /** Whether the value nests objects and arrays more than {@link #MAX_DEPTH} levels deep. */
    static boolean tooDeep(JsonNode value) {
        return deeperThan(value, MAX_DEPTH);
    }

    /** Stops as soon as the limit is passed, so the recursion never goes more than one level past it. */
    private static boolean deeperThan(JsonNode value, int levels) {
        if (!value.isContainer()) {
            return false;
        }
        if (levels == 0) {
            return true;
        }
        for (JsonNode child : value.values()) {
            if (deeperThan(child, levels - 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The path of the first value that {@code config} and {@code secrets} both state, or null when they state
     * different values. Objects present in both are looked into ({@code {"headers": {"Accept": ...}}} and
     * {@code {"headers": {"X-Auth": ...}}} are different values); anything else present in both, null included, is
     * the same value stated twice. Call it on objects that are not {@link #tooDeep}.
     */
    static @Nullable String overlap(ObjectNode config, ObjectNode secrets) {
        return overlap(config, secrets, null);
    }

    private static @Nullable String overlap(ObjectNode config, ObjectNode secrets, @Nullable String path) {
        for (Map.Entry<String, JsonNode> secret : secrets.properties()) {
            JsonNode stated = config.get(secret.getKey());
            if (stated == null) {
                continue;
            }
            String child = child(path, secret.getKey());
            if (!(stated instanceof ObjectNode statedObject && secret.getValue() instanceof ObjectNode secretObject)) {
                return child;
            }
            String found = overlap(statedObject, secretObject, child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * A configuration as POST and PUT state it: {@code config} as sent, with {@code secrets} merged into it (RFC 7396,
     * so a null in {@code secrets} sets nothing), each value of {@code secrets} secret. Call it when
     * {@link #overlap} finds nothing.
     */
    static DataSourceConfig of(ObjectNode config, ObjectNode secrets) {
        ObjectNode whole = config.deepCopy();
        Set<String> explicit = new HashSet<>();
        merge(whole, secrets, JsonPointer.empty(), Set.of(), new HashSet<>(), explicit);
        return split(whole, explicit);
    }

    /**
     * Splits a whole configuration by the rule alone. A value under a secret key that is null is dropped: it holds no
     * secret. Call it on a configuration that is not {@link #tooDeep}.
     */
    static DataSourceConfig split(ObjectNode whole) {
        return split(whole, Set.of());
    }

    /** Splits a whole configuration: the values at {@code explicit} (JSON Pointers) and those the rule finds. */
    private static DataSourceConfig split(ObjectNode whole, Set<String> explicit) {
        ObjectNode visible = whole.deepCopy();
        ObjectNode secrets = JsonNodeFactory.instance.objectNode();
        List<String> fields = new ArrayList<>();
        splitObject(visible, JsonPointer.empty(), null, explicit, secrets, fields);
        return new DataSourceConfig(visible, secrets, List.copyOf(fields));
    }

    /**
     * PATCH: {@code config} and then {@code secrets} applied as JSON Merge Patches (RFC 7396) of the whole
     * configuration: a key sent replaces the stored value, a key sent as null is removed, an object is merged key by
     * key, anything not sent is kept. A value sent in {@code secrets} is secret; a value sent in {@code config} is
     * secret only if the rule says so; a value not sent keeps what it was. One departure from RFC 7396: a secret value
     * is replaced whole, never merged, since its stored form is never shown. Call it when {@link #overlap} finds
     * nothing between the two patches.
     */
    DataSourceConfig patched(@Nullable ObjectNode config, @Nullable ObjectNode secrets) {
        ObjectNode whole = whole();
        Set<String> stored = new HashSet<>(this.secrets.propertyNames());
        Set<String> replaced = new HashSet<>();
        Set<String> explicit = new HashSet<>();
        if (config != null) {
            merge(whole, config, JsonPointer.empty(), stored, replaced, null);
        }
        if (secrets != null) {
            merge(whole, secrets, JsonPointer.empty(), stored, replaced, explicit);
        }
        for (String pointer : stored) {
            if (!replacedAtOrAbove(pointer, replaced)) {
                explicit.add(pointer);
            }
        }
        return split(whole, explicit);
    }

    /** The whole configuration again: the secrets put back where they were. */
    ObjectNode whole() {
        ObjectNode whole = visible.deepCopy();
        for (Map.Entry<String, JsonNode> secret : secrets.properties()) {
            JsonPointer pointer = JsonPointer.compile(secret.getKey());
            JsonNode parent = whole.at(pointer.head());
            if (parent instanceof ObjectNode object) {
                object.set(
                        pointer.last().getMatchingProperty(), secret.getValue().deepCopy());
            } else if (parent instanceof ArrayNode array) {
                int index = pointer.last().getMatchingIndex();
                if (index >= 0 && index < array.size()) {
                    array.set(index, secret.getValue().deepCopy());
                }
            }
        }
        return whole;
    }

    /**
     * One segment of a path in {@code secret_fields}: the key, with {@code \}, {@code .} and {@code [} escaped by a
     * {@code \}, so that the key {@code a.b} ({@code a\.b}) is told apart from the key {@code b} inside {@code a}
     * ({@code a.b}), and {@code x[0]} ({@code x\[0]}) from the first element of the array {@code x}.
     */
    static String segment(String key) {
        StringBuilder escaped = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' || c == '.' || c == '[') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static String child(@Nullable String path, String key) {
        return path == null ? segment(key) : path + "." + segment(key);
    }

    /**
     * Merges {@code patch} into {@code target} in place, recording in {@code replaced} the pointer of every value set
     * or removed, and in {@code explicit}, when it is not null (a {@code secrets} patch), the pointer of every value
     * set. Values at {@code secret} pointers are replaced whole.
     */
    private static void merge(
            ObjectNode target,
            ObjectNode patch,
            JsonPointer at,
            Set<String> secret,
            Set<String> replaced,
            @Nullable Set<String> explicit) {
        for (Map.Entry<String, JsonNode> change : patch.properties()) {
            String key = change.getKey();
            JsonNode value = change.getValue();
            JsonPointer child = at.appendProperty(key);
            String pointer = child.toString();
            if (value instanceof ObjectNode object) {
                JsonNode existing = target.get(key);
                if (!(existing instanceof ObjectNode) || secret.contains(pointer)) {
                    // RFC 7396: a target that is not an object becomes {} before the merge.
                    target.set(key, JsonNodeFactory.instance.objectNode());
                    replaced.add(pointer);
                }
                merge((ObjectNode) target.get(key), object, child, secret, replaced, explicit);
            } else {
                if (value.isNull()) {
                    target.remove(key);
                } else {
                    target.set(key, value.deepCopy());
                    if (explicit != null) {
                        explicit.add(pointer);
                    }
                }
                replaced.add(pointer);
            }
        }
    }

    /** Whether the pointer, or one of its ancestors, is in {@code replaced}; '/' in a key is escaped as "~1". */
    private static boolean replacedAtOrAbove(String pointer, Set<String> replaced) {
        for (String at = pointer; !at.isEmpty(); at = at.substring(0, at.lastIndexOf('/'))) {
            if (replaced.contains(at)) {
                return true;
            }
        }
        return false;
    }

    private static void splitObject(
            ObjectNode node,
            JsonPointer pointer,
            @Nullable String path,
            Set<String> explicit,
            ObjectNode secrets,
            List<String> fields) {
        Set<String> paired = SecretRule.pairedValues(node);
        for (String key : List.copyOf(node.propertyNames())) {
            JsonNode value = node.get(key);
            JsonPointer child = pointer.appendProperty(key);
            String childPath = child(path, key);
            if (explicit.contains(child.toString())
                    || paired.contains(key)
                    || SecretRule.isSecretKey(key)
                    || SecretRule.isSecretValue(value)) {
                node.remove(key);
                if (!value.isNull()) {
                    secrets.set(child.toString(), value);
                    fields.add(childPath);
                }
            } else {
                splitChild(value, child, childPath, explicit, secrets, fields);
            }
        }
    }

    private static void splitChild(
            JsonNode value,
            JsonPointer pointer,
            String path,
            Set<String> explicit,
            ObjectNode secrets,
            List<String> fields) {
        if (value instanceof ObjectNode object) {
            splitObject(object, pointer, path, explicit, secrets, fields);
        } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                JsonPointer child = pointer.appendIndex(i);
                String childPath = path + "[" + i + "]";
                if ((explicit.contains(child.toString()) && !element.isNull()) || SecretRule.isSecretValue(element)) {
                    array.set(i, JsonNodeFactory.instance.nullNode());
                    secrets.set(child.toString(), element);
                    fields.add(childPath);
                } else {
                    splitChild(element, child, childPath, explicit, secrets, fields);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "DataSourceConfig[visible=" + visible + ", secretFields=" + secretFields + "]";
    }
}
