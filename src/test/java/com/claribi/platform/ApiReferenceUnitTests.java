package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.TestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/api.md, the API reference in the repository, lists exactly the operations of docs/openapi.json, the document
 * the server serves (OpenApiIntegrationTests#servedDocumentIsDocsOpenApiJson checks that).
 */
class ApiReferenceUnitTests {

    /** An endpoint as docs/api.md writes it: {@code `GET /api/users/{id}/`}. */
    private static final Pattern ENDPOINT = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/api/[^`\\s]*)`");

    @Test
    void everyEndpointOfTheReferenceIsInTheDocument() throws IOException {
        assertThat(reference()).isNotEmpty().isSubsetOf(document());
    }

    @Test
    void everyOperationOfTheDocumentIsInTheReference() throws IOException {
        assertThat(document()).isNotEmpty().isSubsetOf(reference());
    }

    @Test
    void theReadmeLinksToTheReferenceInsideTheRepository() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("(docs/api.md)").doesNotContain("../shared/");
    }

    private static Set<String> reference() throws IOException {
        Set<String> endpoints = new TreeSet<>();
        Matcher endpoint = ENDPOINT.matcher(Files.readString(Path.of("docs/api.md")));
        while (endpoint.find()) {
            endpoints.add(endpoint.group(1) + " " + endpoint.group(2));
        }
        return endpoints;
    }

    private static Set<String> document() throws IOException {
        JsonNode paths = TestClient.JSON
                .readTree(Files.readString(Path.of("docs/openapi.json")))
                .path("paths");
        Set<String> operations = new TreeSet<>();
        paths.properties()
                .forEach(path -> path.getValue()
                        .propertyNames()
                        .forEach(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }
}
