package com.claribi.client;

import java.net.http.HttpRequest;

/** An API key in {@code X-API-Key}: nothing to renew. */
final class ApiKeyCredentials implements Credentials {

    private final String key;

    ApiKeyCredentials(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("The API key is empty");
        }
        this.key = key;
    }

    @Override
    public String apply(HttpRequest.Builder request) {
        request.header("X-API-Key", key);
        return key;
    }

    @Override
    public boolean recover(String sent) {
        return false;
    }
}
