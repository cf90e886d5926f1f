package com.claribi.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A listener that counts what a client did on its own. */
final class Counts implements ClaribiListener {

    final AtomicInteger signIns = new AtomicInteger();
    final AtomicInteger refreshes = new AtomicInteger();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final List<String> responses = new CopyOnWriteArrayList<>();

    @Override
    public void signedIn() {
        signIns.incrementAndGet();
    }

    @Override
    public void refreshed() {
        refreshes.incrementAndGet();
    }

    @Override
    public void retrying(int status, Duration wait) {
        waits.add(wait);
    }

    @Override
    public void responded(String method, URI uri, int status) {
        responses.add(method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " "
                + status);
    }

    long responsesTo(String method, String path) {
        return responses.stream()
                .filter(response -> response.startsWith(method + " " + path))
                .count();
    }
}
