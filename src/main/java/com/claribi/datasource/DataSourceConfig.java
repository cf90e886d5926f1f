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
 * A data source's configuration split in two: what may be shown, and the secret values ({@link SecretKeys}), which
 * are stored encrypted and never shown. The secrets are kept as a JSON object from each value's JSON Pointer
 * (RFC 6901) in the whole configuration to the value; {@code secretFields} lists the same places for clients, as
 * paths like {@code password}, {@code ssh.private_key} or {@code replicas[0].password}.
 */
record DataSourceConfig(ObjectNode visible, ObjectNode secrets, List<String> secretFields) {

    /** Splits a whole configuration. A secret key whose value is null is dropped: it holds no secret. */
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
            if (whole.at(pointer.head()) instanceof ObjectNode parent) {
                parent.set(
                        pointer.last().getMatchingProperty(), secret.getValue().deepCopy());
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
            } else if (value instanceof ObjectNode object && !SecretKeys.isSecret(key)) {
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
            if (SecretKeys.isSecret(key)) {
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
                splitChild(array.get(i), pointer.appendIndex(i), path + "[" + i + "]", secrets, fields);
            }
        }
    }

    @Override
    public String toString() {
        return "DataSourceConfig[visible=" + visible + ", secretFields=" + secretFields + "]";
    }
}
