package com.claribi.platform;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON object request body read field by field: a missing field is told apart from a {@code null} one (what PATCH
 * needs), unknown fields are refused, and every wrong type or value is collected into one {@code validation_error}.
 * No problem repeats the value it refuses, so a body carrying secrets can be refused without echoing them.
 */
public final class JsonBody {

    private final ObjectNode body;
    private final Fields problems = new Fields();

    private JsonBody(ObjectNode body) {
        this.body = body;
    }

    /**
     * Reads {@code body}, which must be a JSON object whose fields are all in {@code writable} or {@code readOnly}.
     * Read-only fields (such as {@code id} or {@code created_at}) are ignored, so an object as the API returned it
     * can be sent back.
     */
    public static JsonBody of(@Nullable JsonNode body, Set<String> writable, Set<String> readOnly) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        JsonBody read = new JsonBody((ObjectNode) body);
        for (String field : body.propertyNames()) {
            if (!writable.contains(field) && !readOnly.contains(field)) {
                read.problems.add(field, "Unknown field.");
            }
        }
        return read;
    }

    /** Whether the field is present, even as {@code null}. */
    public boolean has(String field) {
        return body.has(field);
    }

    /** A string that may not be blank, trimmed; a problem when missing, null, blank, longer than {@code max}. */
    public @Nullable String requiredText(String field, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            problems.add(field, "This field is required.");
            return null;
        }
        if (!value.isString()) {
            problems.add(field, "Must be a string.");
            return null;
        }
        String text = value.stringValue().trim();
        if (text.isEmpty()) {
            problems.add(field, "This field may not be blank.");
            return null;
        }
        return checkLength(field, text, max);
    }

    /** A string that may be empty; {@code fallback} when missing; a problem when null or longer than {@code max}. */
    public @Nullable String text(String field, int max, String fallback) {
        JsonNode value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isString()) {
            problems.add(field, value.isNull() ? "This field may not be null." : "Must be a string.");
            return null;
        }
        return checkLength(field, value.stringValue(), max);
    }

    /** One of {@code allowed}, or null when missing or {@code null}. */
    public @Nullable String choiceOrNull(String field, Set<String> allowed, String allowedText) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || !allowed.contains(value.stringValue())) {
            problems.add(field, "Must be " + allowedText + ".");
            return null;
        }
        return value.stringValue();
    }

    /** One of {@code allowed}; a problem when missing or null. */
    public @Nullable String requiredChoice(String field, Set<String> allowed, String allowedText) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            problems.add(field, "This field is required.");
            return null;
        }
        return choiceOrNull(field, allowed, allowedText);
    }

    /** A positive integer id, or null when missing or {@code null}. */
    public @Nullable Long idOrNull(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
            problems.add(field, "Must be an id (a positive integer) or null.");
            return null;
        }
        return value.longValue();
    }

    /** A JSON object, {@code fallback} when missing; a problem when null or not an object. */
    public @Nullable ObjectNode object(String field, @Nullable ObjectNode fallback) {
        JsonNode value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isObject()) {
            problems.add(field, "Must be a JSON object.");
            return null;
        }
        return (ObjectNode) value;
    }

    /** Records a problem found by the caller. */
    public JsonBody problem(String field, String problem) {
        problems.add(field, problem);
        return this;
    }

    /** Raises one {@code validation_error} with every problem found so far. */
    public void throwIfAny() {
        problems.throwIfAny();
    }

    Fields problems() {
        return problems;
    }

    private @Nullable String checkLength(String field, String text, int max) {
        if (text.length() > max) {
            problems.add(field, "At most " + max + " characters.");
            return null;
        }
        return text;
    }
}
