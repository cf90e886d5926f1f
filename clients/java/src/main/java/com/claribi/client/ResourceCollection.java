package com.claribi.client;

import com.claribi.client.model.Page;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An organization-scoped resource ({@code T}, written as {@code F}): list, create, read, replace, change and delete.
 *
 * @param <T> the resource as the server returns it
 * @param <F> the fields a client sends to create or replace one
 */
public abstract sealed class ResourceCollection<T, F> permits Dashboards, Reports, DataSources {

    private final ApiCalls calls;
    private final String path;
    private final Class<T> type;

    ResourceCollection(ApiCalls calls, String path, Class<T> type) {
        this.calls = calls;
        this.path = path;
        this.type = type;
    }

    /** Every one of the organization's, in id order, fetched page by page as the stream is consumed. */
    public Stream<T> list() {
        return calls.stream(path, type);
    }

    /**
     * One page ({@code page} from 1, {@code pageSize} up to 100); a page past the end is a {@link NotFoundException}.
     */
    public Page<T> page(int page, int pageSize) {
        return calls.page(path, Map.of(), page, pageSize, type);
    }

    public T get(long id) {
        return calls.get(path + id + "/", type);
    }

    /** {@code POST}: 201 with the new object. */
    public T create(F fields) {
        return calls.post(path, fields, type);
    }

    /** {@code PUT}: every field as given, a missing optional one back to its default. */
    public T replace(long id, F fields) {
        return calls.put(path + id + "/", fields, type);
    }

    /** {@code PATCH}: only the fields given change; a null value clears a field that may be null. */
    public T update(long id, Map<String, ?> changes) {
        return calls.patch(path + id + "/", changes, type);
    }

    public void delete(long id) {
        calls.delete(path + id + "/");
    }
}
