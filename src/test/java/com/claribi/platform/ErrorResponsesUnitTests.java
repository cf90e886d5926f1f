package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A 500's {@code detail} quotes the request's id, which every log line written for the request carries. */
class ErrorResponsesUnitTests {

    private final ErrorResponses errors = new ErrorResponses(
            JsonMapper.builder().build(),
            new PermissionDenials(
                    event -> {}, new HttpsPolicy(TestPlatformProperties.of("on", "", Duration.ofMinutes(15)))));

    @Test
    void serverErrorThenDetailQuotesTheRequestId() throws Exception {
        JsonNode body = write(ApiException.serverError("The error was logged."), "abc-123");
        assertThat(body.path("error").asString()).isEqualTo("server_error");
        assertThat(body.path("detail").asString()).isEqualTo("The error was logged. Request id: abc-123.");
    }

    @Test
    void clientErrorThenDetailUnchanged() throws Exception {
        JsonNode body = write(ApiException.notFound("There is no endpoint at this path."), "abc-123");
        assertThat(body.path("detail").asString()).isEqualTo("There is no endpoint at this path.");
    }

    private JsonNode write(ApiException error, String requestId) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setHeader(RequestIds.HEADER, requestId);
        errors.write(response, error);
        return TestClient.JSON.readTree(response.getContentAsString());
    }
}
