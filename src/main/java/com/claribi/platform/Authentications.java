package com.claribi.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counts every check of a credential, {@code claribi.authentications}, by {@code credential} ({@code password},
 * {@code access_token}, {@code api_key}) and {@code outcome}: {@code success}, or the API error code the client got
 * ({@code invalid_credentials}, {@code token_expired}, {@code rate_limited}, ...), a short fixed list.
 */
@Component
public final class Authentications {

    private final MeterRegistry meters;
    /** Every access token and API key is counted: the counters are looked up once, not built for each request. */
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    Authentications(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    public void succeeded(String credential) {
        count(credential, "success");
    }

    /** Counts a refusal; {@code failure} is the {@link ApiException} (perhaps wrapped) the client got, or any error. */
    public void failed(String credential, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String outcome = cause instanceof ApiException api
                ? api.code()
                : cause instanceof CredentialRejected rejected
                        ? rejected.error().code()
                        : "error";
        count(credential, outcome);
    }

    private void count(String credential, String outcome) {
        counters.computeIfAbsent(
                        credential + " " + outcome,
                        key -> Counter.builder("claribi.authentications")
                                .description("Credential checks by credential type and outcome")
                                .tag("credential", credential)
                                .tag("outcome", outcome)
                                .register(meters))
                .increment();
    }
}
