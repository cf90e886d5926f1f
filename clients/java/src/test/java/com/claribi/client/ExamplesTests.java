package com.claribi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.claribi.client.model.ApiKeyScope;
import com.claribi.client.model.Role;
import com.claribi.client.model.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of {@code examples/} (curl, Python, Java) run as a process against the test server, as a reader runs
 * it: the base URL, the certificate file and the credentials in environment variables. Each must exit with 0 and
 * print what the flow shows. curl (with jq) and Python (with requests) examples are skipped when those are missing,
 * except on CI ({@code CI=true}) or with {@code CLARIBI_EXAMPLES_TESTS=required}, where a missing tool fails.
 */
@ExtendWith(TestServer.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplesTests {

    private static final Path EXAMPLES = Path.of(System.getProperty("claribi.examples.dir", "../../examples"))
            .toAbsolutePath()
            .normalize();

    private static final List<String> QUICK_START = List.of(
            "Signed in as {email} (administrator) of SDK Tests",
            "Dashboards: ",
            "GET /api/dashboards/999999999/: 404 not_found (");
    private static final List<String> JWT = List.of(
            "Signed in: access and refresh tokens",
            "Dashboards: ",
            "Refreshed the access token",
            "Dashboards with the new token: ",
            "Signed out; the refresh token is refused: 401 ");
    private static final List<String> JWT_JAVA = List.of(
            "Signed in: access and refresh tokens",
            "Dashboards: ",
            "Refreshed the access token",
            "Dashboards with the new token: ",
            "Sessions: ",
            "Signed out",
            "A wrong password: 401 invalid_credentials");
    private static final List<String> API_KEY_CREATED = List.of(
            "Created a read-only API key claribi_sk_live_",
            "Authenticated by the API key as {email}",
            "Reports: ",
            "Writing with a read-only key: 403 permission_denied",
            "Revoked the example's key");
    private static final List<String> API_KEY_GIVEN =
            List.of("Authenticated by the API key as " + TestServer.ADMIN_EMAIL, "Reports: ");

    private final TestServer server;
    /** One administrator and one key for every example (each example signs in, and creating users costs hashes). */
    private User administrator;

    private String readOnlyKey;

    ExamplesTests(TestServer server) {
        this.server = server;
    }

    private synchronized User administrator() {
        if (administrator == null) {
            administrator = server.createUser(Role.ADMINISTRATOR);
        }
        return administrator;
    }

    private synchronized String readOnlyKey() {
        if (readOnlyKey == null) {
            readOnlyKey = server.createApiKey(ApiKeyScope.READ_ONLY).key();
        }
        return readOnlyKey;
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("curl", "curl/quickstart.sh", false, QUICK_START),
                Arguments.of("curl", "curl/jwt.sh", false, JWT),
                Arguments.of("curl", "curl/api-key.sh", false, API_KEY_CREATED),
                Arguments.of("curl", "curl/api-key.sh", true, API_KEY_GIVEN),
                Arguments.of("python", "python/quickstart.py", false, QUICK_START),
                Arguments.of("python", "python/jwt.py", false, JWT),
                Arguments.of("python", "python/api_key.py", false, API_KEY_CREATED),
                Arguments.of("python", "python/api_key.py", true, API_KEY_GIVEN),
                Arguments.of("java", "QuickStart", false, QUICK_START),
                Arguments.of("java", "JwtFlow", false, JWT_JAVA),
                // With CLARIBI_API_KEY set, ApiKeyFlow runs the same method as with the key it creates: not run twice.
                Arguments.of("java", "ApiKeyFlow", false, API_KEY_CREATED));
    }

    @ParameterizedTest(name = "{1} ({0}), CLARIBI_API_KEY set: {2}")
    @MethodSource("examples")
    void runsAgainstTheServer(String language, String example, boolean withApiKey, List<String> expected)
            throws Exception {
        List<String> command = new ArrayList<>(
                switch (language) {
                    case "curl" -> {
                        require("curl and jq", available("curl", "--version") && available("jq", "--version"));
                        yield List.of("bash", EXAMPLES.resolve(example).toString());
                    }
                    case "python" -> {
                        Optional<String> python = pythonWithRequests();
                        require("python3 with requests (Debian's python3-requests)", python.isPresent());
                        yield List.of(python.get(), EXAMPLES.resolve(example).toString());
                    }
                    default -> List.of("bash", EXAMPLES.resolve("java/run").toString(), example);
                });

        User user = administrator();
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(TestServer.repository().toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("CLARIBI_"));
        env.put("CLARIBI_URL", server.baseUrl());
        env.put("CLARIBI_CA_FILE", server.certificate().toString());
        env.put("CLARIBI_EMAIL", user.email());
        env.put("CLARIBI_PASSWORD", TestServer.passwordOf(user.email()));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        if (withApiKey) {
            env.put(
                    "CLARIBI_API_KEY",
                    server.createApiKey(ApiKeyScope.READ_ONLY).key());
        }
        builder.redirectErrorStream(true);
        Path output = Files.createTempFile("claribi-example", ".log");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(example + " did not end within 2 minutes:\n" + Files.readString(output));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        assertEquals(0, process.exitValue(), example + " failed:\n" + printed);
        for (String line : expected) {
            String wanted = line.replace("{email}", user.email());
            assertTrue(printed.contains(wanted), example + " did not print \"" + wanted + "\":\n" + printed);
        }
        if (withApiKey) {
            assertFalse(printed.contains("Created"), printed);
        }
    }

    /** Skips the test when a tool is missing, unless the examples are required (CI). */
    private static void require(String what, boolean present) {
        boolean required = "true".equalsIgnoreCase(System.getenv("CI"))
                || "required".equals(System.getenv("CLARIBI_EXAMPLES_TESTS"));
        if (!present && required) {
            fail(what + " is missing, and the examples are required here (CI=true or CLARIBI_EXAMPLES_TESTS=required)");
        }
        Assumptions.assumeTrue(present, what + " is missing: example skipped");
    }

    /** {@code $CLARIBI_PYTHON}, {@code python3} on the PATH or Debian's {@code /usr/bin/python3}: one with requests. */
    private static Optional<String> pythonWithRequests() {
        return Stream.of(System.getenv("CLARIBI_PYTHON"), "python3", "/usr/bin/python3")
                .filter(candidate -> candidate != null && !candidate.isBlank())
                .filter(candidate -> available(candidate, "-c", "import requests"))
                .findFirst();
    }

    private static boolean available(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
