package com.claribi.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A JSON object body that a controller has read ({@link BodyFields#read}) into a typed value, with what was wrong with
 * it.
 * The service takes the value once it has checked the caller's role and found the object, so a caller without the
 * role gets 403 and a missing object 404 whatever the body; then every problem, the reader's and those of the
 * service's own rules, is one {@code validation_error}.
 */
public final class Submitted<T> {

    private final @Nullable T value;
    private final @Nullable JsonBody body;
    private final @Nullable ApiException refused;
    private final List<String> order;

    private Submitted(@Nullable T value, @Nullable JsonBody body, @Nullable ApiException refused, List<String> order) {
        this.value = value;
        this.body = body;
        this.refused = refused;
        this.order = order;
    }

    static <T> Submitted<T> read(@Nullable JsonNode body, BodyFields fields, Function<JsonBody, T> reader) {
        JsonBody read;
        try {
            read = JsonBody.of(body, Set.copyOf(fields.writable()), fields.readOnly());
        } catch (ApiException notAnObject) {
            return new Submitted<>(null, null, notAnObject, fields.writable());
        }
        return new Submitted<>(reader.apply(read), read, null, fields.writable());
    }

    /** The value; the {@code bad_request} or {@code validation_error} the body deserves if anything is wrong. */
    public T value() {
        return value((read, problems) -> {});
    }

    /**
     * The value once {@code rules} have looked at it and added their problems; one {@code validation_error} with the
     * reader's problems and theirs if there are any.
     */
    public T value(BiConsumer<T, Fields> rules) {
        if (value == null || body == null) {
            throw Objects.requireNonNull(refused);
        }
        Map<String, List<String>> found = body.problems().found();
        rules.accept(value, body.problems());
        if (!found.isEmpty()) {
            throw ApiException.validation(ordered(found));
        }
        return value;
    }

    /** Unknown fields first, as the body has them, then the writable ones in their order. */
    private Map<String, List<String>> ordered(Map<String, List<String>> problems) {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        problems.forEach((field, list) -> {
            if (!order.contains(field)) {
                ordered.put(field, list);
            }
        });
        for (String field : order) {
            if (problems.containsKey(field)) {
                ordered.put(field, problems.get(field));
            }
        }
        return ordered;
    }
}
