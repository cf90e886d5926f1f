package com.claribi.platform;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list, in the format every list of the API uses: {@code count}, {@code next} and {@code previous} as
 * absolute URLs or null, and {@code results}.
 */
public record Page<T>(
        long count, @Nullable String next, @Nullable String previous, List<T> results) {

    /** Builds the page with links to the list at {@code links}; a page past the end (other than the first page of an empty list) is 404. */
    public static <T> Page<T> of(PageRequest request, long count, List<T> results, PageLinks links) {
        if (request.page() > 1 && request.offset() >= count) {
            throw ApiException.notFound("Page " + request.page() + " is past the end of the list.");
        }
        String next = request.offset() + results.size() < count ? links.to(request.page() + 1) : null;
        String previous = request.page() > 1 ? links.to(request.page() - 1) : null;
        return new Page<>(count, next, previous, results);
    }

    /** The same page with each result turned into what the API shows of it. */
    public <R> Page<R> map(Function<? super T, ? extends R> view) {
        return new Page<>(count, next, previous, results.stream().<R>map(view).toList());
    }
}
