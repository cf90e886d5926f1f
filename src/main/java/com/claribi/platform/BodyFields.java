package com.claribi.platform;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The fields a resource's JSON object body may have: the writable ones, in the order their problems are reported, and
 * the read-only ones (such as {@code id}), which are ignored so that an object as the API returned it can be sent back.
 */
public record BodyFields(List<String> writable, Set<String> readOnly) {

    public BodyFields {
        writable = List.copyOf(writable);
        readOnly = Set.copyOf(readOnly);
    }

    /** Reads {@code body} with {@code reader}, keeping what is wrong with it for the service to raise. */
    public <T> Submitted<T> read(@Nullable JsonNode body, Function<JsonBody, T> reader) {
        return Submitted.read(body, this, reader);
    }
}
