package com.claribi.client;

import com.claribi.client.model.Page;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JavaType;

/** The calls the API areas make: one transport, one set of credentials, JSON bodies and lazily paged lists. */
final class ApiCalls {

    private final Transport transport;
    private final Credentials credentials;
    private final int pageSize;

    ApiCalls(Transport transport, Credentials credentials, int pageSize) {
        this.transport = transport;
        this.credentials = credentials;
        this.pageSize = pageSize;
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

    /**
     * A string id as one path segment: letters, digits, {@code _} and {@code -} only, so that an id from elsewhere
     * ({@code ../../users/5}) cannot name another resource.
     *
     * @throws IllegalArgumentException for any other id, before a request is sent
     */
    static String segment(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not an id (letters, digits, _ and - only): " + id);
        }
        return id;
    }

    <T> T get(String path, Class<T> type) {
        return transport.send("GET", transport.uri(path), null, credentials, Transport.type(type));
    }

    <T> T post(String path, Object body, Class<T> type) {
        return transport.send(
                "POST", transport.uri(path), body, credentials, type == null ? null : Transport.type(type));
    }

    <T> T put(String path, Object body, Class<T> type) {
        return transport.send("PUT", transport.uri(path), body, credentials, Transport.type(type));
    }

    <T> T patch(String path, Object body, Class<T> type) {
        return transport.send("PATCH", transport.uri(path), body, credentials, Transport.type(type));
    }

    void delete(String path) {
        transport.send("DELETE", transport.uri(path), null, credentials, null);
    }

    /** Sends without credentials (login, password reset, health, JWK Set). */
    <T> T anonymous(String method, String path, Object body, Class<T> type) {
        return transport.send(method, transport.uri(path), body, null, type == null ? null : Transport.type(type));
    }

    /** One page of a list. */
    <T> Page<T> page(String path, Map<String, ?> query, int page, int size, Class<T> element) {
        Map<String, Object> all = new LinkedHashMap<>(query);
        all.put("page", page);
        all.put("page_size", size);
        return fetch(transport.uri(path + queryString(all)), element);
    }

    /**
     * Every item of a list, in id order, as a lazy stream: a page is fetched when the stream reaches it, so {@code
     * limit(n)} reads only the pages it needs.
     */
    <T> Stream<T> stream(String path, Map<String, ?> query, Class<T> element) {
        Map<String, Object> all = new LinkedHashMap<>(query);
        all.put("page_size", pageSize);
        URI first = transport.uri(path + queryString(all));
        return StreamSupport.stream(new Pages<>(first, element), false);
    }

    <T> Stream<T> stream(String path, Class<T> element) {
        return stream(path, Map.of(), element);
    }

    private <T> Page<T> fetch(URI uri, Class<T> element) {
        JavaType type = Transport.type(Page.class, element);
        return transport.send("GET", uri, null, credentials, type);
    }

    private final class Pages<T> extends Spliterators.AbstractSpliterator<T> {

        private final Class<T> element;
        private URI next;
        private Iterator<T> current = Collections.emptyIterator();

        Pages(URI first, Class<T> element) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.next = first;
            this.element = element;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            while (!current.hasNext()) {
                if (next == null) {
                    return false;
                }
                Page<T> page = fetch(next, element);
                current = page.results() == null
                        ? Collections.emptyIterator()
                        : page.results().iterator();
                next = page.next() == null ? null : transport.rebase(page.next());
            }
            action.accept(current.next());
            return true;
        }
    }

    static String queryString(Map<String, ?> query) {
        StringBuilder result = new StringBuilder();
        query.forEach((name, value) -> {
            if (value != null) {
                result.append(result.isEmpty() ? '?' : '&')
                        .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        });
        return result.toString();
    }
}
