package com.claribi.support;

import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ assertions on a {@link TestClient.Response}, above all the error contract: {@code
 * assertThat(response).isError(403, "permission_denied")}. Imported beside AssertJ's {@code assertThat}, whose
 * overloads it joins.
 */
public final class ResponseAssert extends AbstractAssert<ResponseAssert, TestClient.Response> {

    private ResponseAssert(TestClient.Response actual) {
        super(actual, ResponseAssert.class);
    }

    public static ResponseAssert assertThat(TestClient.Response actual) {
        return new ResponseAssert(actual);
    }

    /** The status, with the body shown when it is another. */
    public ResponseAssert hasStatus(int status) {
        isNotNull();
        Assertions.assertThat(actual.status()).as(description("status")).isEqualTo(status);
        return this;
    }

    /**
     * An error as the contract writes it: {@code status}, a JSON body whose {@code error} is {@code code} and whose
     * {@code message} is present, and no stack trace.
     */
    public ResponseAssert isError(int status, String code) {
        hasStatus(status);
        Assertions.assertThat(actual.header("Content-Type"))
                .as(description("Content-Type"))
                .startsWith("application/json");
        Assertions.assertThat(actual.error()).as(description("error")).isEqualTo(code);
        Assertions.assertThat(actual.json().path("message").asString())
                .as(description("message"))
                .isNotBlank();
        Assertions.assertThat(actual.text()).as(description("body")).doesNotContain("Exception", "at com.", "at org.");
        return this;
    }

    /** The error has a {@code detail}. */
    public ResponseAssert hasDetail() {
        isNotNull();
        Assertions.assertThat(actual.json().path("detail").asString())
                .as(description("detail"))
                .isNotBlank();
        return this;
    }

    /** A {@code Retry-After} of a positive number of seconds. */
    public ResponseAssert hasRetryAfter() {
        isNotNull();
        Assertions.assertThat(actual.header("Retry-After"))
                .as(description("Retry-After"))
                .isNotNull()
                .containsOnlyDigits();
        Assertions.assertThat(Long.parseLong(actual.header("Retry-After")))
                .as(description("Retry-After"))
                .isPositive();
        return this;
    }

    /** The error's {@code detail} contains every one of {@code parts}. */
    public ResponseAssert hasDetailContaining(String... parts) {
        isNotNull();
        Assertions.assertThat(actual.json().path("detail").asString())
                .as(description("detail"))
                .contains(parts);
        return this;
    }

    /** A {@code reauthentication_required} (403) whose {@code detail} names where to re-authenticate (sudo mode). */
    public ResponseAssert isReauthenticationRequired() {
        return isError(403, "reauthentication_required").hasDetailContaining("/api/auth/reauthenticate/");
    }

    /** A {@code validation_error} (400) that names each of {@code fields} with a list of problems. */
    public ResponseAssert isValidationError(String... fields) {
        isError(400, "validation_error");
        for (String field : fields) {
            Assertions.assertThat(actual.json().path("fields").path(field).isArray())
                    .as(description("fields." + field))
                    .isTrue();
        }
        return this;
    }

    private String description(String what) {
        String context = info.descriptionText();
        return (context.isEmpty() ? "" : context + ": ") + what + " of " + actual.status() + " " + actual.text();
    }
}
