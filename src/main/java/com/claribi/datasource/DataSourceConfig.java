package com.claribi.datasource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A data source's configuration split in two: what may be shown, and the secret values ({@link SecretRule}), which
 * are stored encrypted and never shown. The secrets are kept as a JSON object from each value's JSON Pointer
 * (RFC 6901) in the whole configuration to the value; {@code secretFields} lists the same places for clients, as
 * paths like {@code password}, {@code ssh.private_key}, {@code replicas[0].password} or {@code urls[1]}. A secret
 * inside an array is replaced by null in what is shown, so the other elements keep their indexes.
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
     * Splits a whole configuration. A value under a secret key that is null is dropped: it holds no secret. Call it on
     * a configuration that is not {@link #tooDeep}.
     */
    static DataSourceConfig split(ObjectNode whole) {
        ObjectNode visible = whole.deepCopy();
        ObjectNode secrets = JsonNodeFactory.instance.objectNode();
        List<String> fields = new ArrayList<>();
        splitObject(visible, JsonPointer.empty(), "", secrets, fields);
        return new DataSourceConfig(visible, secrets, List.copyOf(fields));
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
     * JSON Merge Patch (RFC 7396) of the whole configuration: a key sent replaces the stored value, a key sent as
     * null is removed, an object is merged key by key, anything not sent is kept (secrets included). One departure:
     * a secret value is replaced whole, never merged, since its stored form is never shown.
     */
    static ObjectNode mergePatch(ObjectNode target, ObjectNode patch) {
        ObjectNode result = target.deepCopy();
        merge(result, patch);
        return result;
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> change : patch.properties()) {
            String key = change.getKey();
            JsonNode value = change.getValue();
            if (value.isNull()) {
                target.remove(key);
            } else if (value instanceof ObjectNode object && !SecretRule.isSecretKey(key)) {
                if (!(target.get(key) instanceof ObjectNode)) {
                    target.set(key, JsonNodeFactory.instance.objectNode());
                }
                merge((ObjectNode) target.get(key), object);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static void splitObject(
            ObjectNode node, JsonPointer pointer, String path, ObjectNode secrets, List<String> fields) {
        for (String key : List.copyOf(node.propertyNames())) {
            JsonNode value = node.get(key);
            JsonPointer child = pointer.appendProperty(key);
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (SecretRule.isSecretKey(key) || SecretRule.isSecretValue(value)) {
                node.remove(key);
                if (!value.isNull()) {
                    secrets.set(child.toString(), value);
                    fields.add(childPath);
                }
            } else {
                splitChild(value, child, childPath, secrets, fields);
            }
        }
    }

    private static void splitChild(
            JsonNode value, JsonPointer pointer, String path, ObjectNode secrets, List<String> fields) {
        if (value instanceof ObjectNode object) {
            splitObject(object, pointer, path, secrets, fields);
        } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                JsonPointer child = pointer.appendIndex(i);
                String childPath = path + "[" + i + "]";
                if (SecretRule.isSecretValue(element)) {
                    array.set(i, JsonNodeFactory.instance.nullNode());
                    secrets.set(child.toString(), element);
                    fields.add(childPath);
                } else {
                    splitChild(element, child, childPath, secrets, fields);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "DataSourceConfig[visible=" + visible + ", secretFields=" + secretFields + "]";
    }
}
