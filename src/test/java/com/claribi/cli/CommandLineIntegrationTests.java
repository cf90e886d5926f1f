package com.claribi.cli;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ProjectVersion;
import com.claribi.support.ServerProcess;
import com.claribi.support.ServerProcess.Command;
import com.claribi.support.TestClient;
import com.claribi.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/claribi}'s commands as an operator runs them: the built jar in its own process, with the server started
 * from the same jar to show the effect. What involves no database runs on a new, empty data directory, which must stay
 * empty; the commands on a database share one installation (a data directory, and on PostgreSQL a database), each
 * test with accounts of its own. On the embedded database a command runs while the server is stopped; on PostgreSQL
 * while it runs.
 */
class CommandLineIntegrationTests {

    private static final String ADMIN_PASSWORD = "correct horse battery staple";
    private static final Pattern CREATED_ORGANIZATION = Pattern.compile("Created organization (\\d+) ");

    @TempDir
    Path dataDir;

    private Map<String, String> environment;

    @TempDir
    static Path installation;

    private static Map<String, String> installed;
    private static Command acme;

    @BeforeEach
    void newInstallation() {
        environment = ServerProcess.environment(TestDatabase.newDatabase());
    }

    /**
     * The process answers its command line on standard output or error with the right exit code before anything starts.
     * Every help form and misuse is in {@link CommandLineUnitTests}; here one of each kind, through {@code main}, and
     * the misuses that would otherwise start the server.
     */
    @Test
    void helpAndMisuseAnsweredByTheProcessAndNothingStarted() {
        TestDatabase.noDatabaseInvolved();
        Command help = claribi("", "--help");
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.stdout()).contains("org create", "user create", "keys rotate", "--password-stdin");
        assertThat(help.stderr()).isEmpty();
        Command commandHelp = claribi("", "help", "user", "create");
        assertThat(commandHelp.exitCode()).as(commandHelp.output()).isZero();
        assertThat(commandHelp.stdout()).contains("Usage: bin/claribi user create", "--org", "--password-stdin");

        String secret = "Sup3r-Secret-Passphrase-9731";
        List<List<String>> misuses = List.of(
                List.of("--pasword=" + secret),
                List.of("serve", "--pasword=" + secret),
                List.of("--claribi.port=0", "--pasword=" + secret),
                List.of("serve", secret),
                List.of("user", "create", "--org", "Acme", "--email", "e@acme.example", "--password=" + secret));
        for (List<String> args : misuses) {
            Command refused = claribi("", args.toArray(String[]::new));
            assertThat(refused.exitCode()).as(args + ": " + refused.output()).isEqualTo(2);
            assertThat(refused.output()).as(args.toString()).doesNotContain(secret);
            assertThat(refused.stderr()).as(args.toString()).contains("Usage: bin/claribi");
        }
        Command unknown = claribi("", "frobnicate");
        assertThat(unknown.exitCode()).as(unknown.output()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("Unknown command: frobnicate", "Usage: bin/claribi");
        assertThat(unknown.stdout()).isEmpty();
        assertNothingStarted();
    }

    @Test
    void versionThenProjectVersionAndNothingStarted() {
        TestDatabase.noDatabaseInvolved();
        long started = System.nanoTime();
        Command version = claribi("", "--version");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("bin/claribi --version ended after " + took.toMillis() + " ms");
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.stdout().strip()).isEqualTo(ProjectVersion.ofPom());
        assertThat(version.stderr()).isEmpty();
        assertThat(took).as("a JVM start, no server").isLessThan(Duration.ofSeconds(20));
        assertNothingStarted();
    }

    @Test
    void serverSettingAsArgumentWithoutServeThenPassedToTheServer() {
        try (ServerProcess server =
                ServerProcess.start(dataDir, environment, "--claribi.bootstrap.org-name=Settings From Arguments")) {
            assertThat(server.output()).contains("\"Settings From Arguments\"");
        }
    }

    @Test
    void orgCreateWithPasswordOnStdinThenServerAcceptsThatLogin() {
        Command created = acme();
        assertThat(created.stdout()).contains("Acme Analytics", "ops@acme.example");
        assertThat(created.output()).doesNotContain(ADMIN_PASSWORD);

        try (ServerProcess server = startServer()) {
            TestClient api = server.client();
            String access = api.login("ops@acme.example", ADMIN_PASSWORD).get("access");
            TestClient.Response status = api.get("/api/auth/status/", "Authorization", TestClient.bearer(access));
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().path("user").path("email").asString()).isEqualTo("ops@acme.example");
            assertThat(status.json().path("user").path("role").asString()).isEqualTo("administrator");
            assertThat(status.json().path("organization").path("name").asString())
                    .isEqualTo("Acme Analytics");
            assertThat(status.json().path("organization").path("id").asLong()).isEqualTo(organizationId(created));
        }
    }

    @Test
    void userCreateWithOrganizationNameOrIdThenLoginShowsItsRole() {
        long organization = organizationId(acme());
        Command byName = installed(
                "an editor's long passphrase\n",
                "user",
                "create",
                "--org",
                "Acme Analytics",
                "--email",
                "editor@acme.example",
                "--role",
                "editor",
                "--first-name",
                "Eda",
                "--password-stdin");
        assertThat(byName.exitCode()).as(byName.output()).isZero();
        Command byId = installed(
                "a viewer's long passphrase\n",
                "user",
                "create",
                "--org",
                String.valueOf(organization),
                "--email",
                "viewer@acme.example",
                "--role",
                "viewer",
                "--password-stdin");
        assertThat(byId.exitCode()).as(byId.output()).isZero();

        try (ServerProcess server = startServer()) {
            TestClient api = server.client();
            TestClient.Response editor = status(api, api.login("editor@acme.example", "an editor's long passphrase"));
            assertThat(editor.status()).isEqualTo(200);
            assertThat(editor.json().path("user").path("role").asString()).isEqualTo("editor");
            assertThat(editor.json().path("user").path("first_name").asString()).isEqualTo("Eda");
            assertThat(editor.json().path("organization").path("id").asLong()).isEqualTo(organization);
            TestClient.Response viewer = status(api, api.login("viewer@acme.example", "a viewer's long passphrase"));
            assertThat(viewer.status()).isEqualTo(200);
            assertThat(viewer.json().path("user").path("role").asString()).isEqualTo("viewer");
            assertThat(viewer.json().path("organization").path("id").asLong()).isEqualTo(organization);
        }
    }

    @Test
    void orgCreateWhenPasswordWeakThenRefusedWithReason() {
        Command common = installed(
                "password1\n",
                "org",
                "create",
                "--name",
                "Acme",
                "--admin-email",
                "weak@acme.example",
                "--password-stdin");
        assertThat(common.exitCode()).isEqualTo(1);
        assertThat(common.stderr()).contains("password").contains("too common");
        assertThat(common.stdout()).doesNotContain("Created");

        Command tooShort = installed(
                "Xy7!q\n", "org", "create", "--name", "Acme", "--admin-email", "weak@acme.example", "--password-stdin");
        assertThat(tooShort.exitCode()).isEqualTo(1);
        assertThat(tooShort.stderr()).contains("at least 8 characters");
    }

    @Test
    void createWhenEmailTakenThenRefusedAndNothingCreated() {
        acme();
        Command user = installed(
                "another long passphrase\n",
                "user",
                "create",
                "--org",
                "Acme Analytics",
                "--email",
                "OPS@acme.example",
                "--role",
                "viewer",
                "--password-stdin");
        assertThat(user.exitCode()).isEqualTo(1);
        assertThat(user.stderr()).contains("already exists");

        Command org = installed(
                "another long passphrase\n",
                "org",
                "create",
                "--name",
                "Second Org",
                "--admin-email",
                "ops@acme.example",
                "--password-stdin");
        assertThat(org.exitCode()).isEqualTo(1);
        assertThat(org.stderr()).contains("already exists");
        Command intoSecond = installed(
                "a third long passphrase\n",
                "user",
                "create",
                "--org",
                "Second Org",
                "--email",
                "new@acme.example",
                "--role",
                "viewer",
                "--password-stdin");
        assertThat(intoSecond.exitCode())
                .as("the refused org create left no organization")
                .isEqualTo(1);
        assertThat(intoSecond.stderr()).contains("No organization Second Org");
    }

    @Test
    void revokeSessionsEndsEverySessionOfTheUser() {
        createOrganization("Sessions Analytics", "sessions@acme.example");
        ServerProcess server = startServer();
        try {
            List<Map<String, String>> sessions = List.of(
                    server.client().login("sessions@acme.example", ADMIN_PASSWORD),
                    server.client().login("sessions@acme.example", ADMIN_PASSWORD));
            if (TestDatabase.isPostgres()) {
                Command revoke = installed("", "user", "revoke-sessions", "--email", "sessions@acme.example");
                long revokedAt = System.nanoTime();
                assertThat(revoke.exitCode()).as(revoke.output()).isZero();
                assertThat(revoke.stdout()).contains("Ended 2 sessions");
                for (Map<String, String> tokens : sessions) {
                    Duration delay = untilRefused(server.client(), tokens.get("access"), revokedAt);
                    System.out.println(
                            "CLI revoke-sessions reached the running server after " + delay.toMillis() + " ms");
                    assertThat(delay).isLessThan(Duration.ofSeconds(1));
                }
            } else {
                Command whileRunning = installed("", "user", "revoke-sessions", "--email", "sessions@acme.example");
                assertThat(whileRunning.exitCode()).isEqualTo(1);
                assertThat(whileRunning.stderr()).contains("stop the server first");
                server.stop();
                Command revoke = installed("", "user", "revoke-sessions", "--email", "sessions@acme.example");
                assertThat(revoke.exitCode()).as(revoke.output()).isZero();
                assertThat(revoke.stdout()).contains("Ended 2 sessions");
                server = startServer();
                for (Map<String, String> tokens : sessions) {
                    TestClient.Response refused = status(server.client(), tokens);
                    assertThat(refused).isError(401, "invalid_token");
                }
            }
            for (Map<String, String> tokens : sessions) {
                TestClient.Response refresh =
                        server.client().post("/api/auth/token/refresh/", Map.of("refresh", tokens.get("refresh")));
                assertThat(refresh).isError(401, "invalid_token");
            }
            assertThat(status(server.client(), server.client().login("sessions@acme.example", ADMIN_PASSWORD))
                            .status())
                    .as("the user can sign in again")
                    .isEqualTo(200);
        } finally {
            server.close();
        }
    }

    @Test
    void deactivateRefusesTheLastAdministratorUnlessForcedThenLoginRefused() {
        createOrganization("Solo", "solo@acme.example");
        Command refused = installed("", "user", "deactivate", "--email", "solo@acme.example");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.stderr()).contains("last active administrator");

        Command forced = installed("", "user", "deactivate", "--email", "solo@acme.example", "--force");
        assertThat(forced.exitCode()).as(forced.output()).isZero();
        assertThat(forced.stdout()).contains("Deactivated solo@acme.example");
        try (ServerProcess server = startServer()) {
            TestClient.Response login = server.client()
                    .post("/api/auth/login/", Map.of("email", "solo@acme.example", "password", ADMIN_PASSWORD));
            assertThat(login.error()).isEqualTo("invalid_credentials");
        }
    }

    @Test
    void revokeSessionsWhenEmailUnknownThenRefused() {
        Command revoke = installed("", "user", "revoke-sessions", "--email", "nobody@acme.example");
        assertThat(revoke.exitCode()).isEqualTo(1);
        assertThat(revoke.stderr()).contains("nobody@acme.example");
    }

    @Test
    void keysRotateStartsNewKeyAndOldTokensKeepWorking() {
        acme();
        ServerProcess server = startServer();
        try {
            Map<String, String> before = server.client().login("ops@acme.example", ADMIN_PASSWORD);
            String oldKid = kid(before.get("access"));
            assertThat(publishedKids(server.client())).containsExactly(oldKid);

            String newKid;
            if (TestDatabase.isPostgres()) {
                Command rotate = installed("", "keys", "rotate");
                long rotatedAt = System.nanoTime();
                assertThat(rotate.exitCode()).as(rotate.output()).isZero();
                newKid = newKid(rotate);
                while (!publishedKids(server.client()).contains(newKid)) {
                    assertThat(Duration.ofNanos(System.nanoTime() - rotatedAt))
                            .as("the running server publishes the new key")
                            .isLessThan(Duration.ofSeconds(7));
                    sleep(Duration.ofMillis(100));
                }
                System.out.println("The running server published the key from keys rotate after "
                        + Duration.ofNanos(System.nanoTime() - rotatedAt).toMillis() + " ms");
            } else {
                server.stop();
                Command rotate = installed("", "keys", "rotate");
                assertThat(rotate.exitCode()).as(rotate.output()).isZero();
                newKid = newKid(rotate);
                server = startServer();
            }
            assertThat(newKid).isNotEqualTo(oldKid);
            assertThat(publishedKids(server.client())).containsExactlyInAnyOrder(oldKid, newKid);
            assertThat(status(server.client(), before).status())
                    .as("a token of the old key")
                    .isEqualTo(200);
            assertThat(server.client()
                            .post("/api/auth/token/refresh/", Map.of("refresh", before.get("refresh")))
                            .status())
                    .as("a refresh token of the old key")
                    .isEqualTo(200);
            Map<String, String> after = server.client().login("ops@acme.example", ADMIN_PASSWORD);
            assertThat(kid(after.get("access"))).isEqualTo(newKid);
            assertThat(status(server.client(), after).status()).isEqualTo(200);
        } finally {
            server.close();
        }
    }

    /** The data directory is still empty: the command line was refused (or answered) before anything started. */
    private void assertNothingStarted() {
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.toList()).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Command claribi(String stdin, String... args) {
        return ServerProcess.run(dataDir, environment, stdin, args);
    }

    /**
     * A command on the installation the tests of the database's side share (a data directory and, on PostgreSQL, a
     * database), made once for the class: each of those tests uses its own accounts, so none depends on another's, and
     * the migrations run once rather than once per test.
     */
    private static Command installed(String stdin, String... args) {
        return ServerProcess.run(installation(), installed, stdin, args);
    }

    private static synchronized Path installation() {
        if (installed == null) {
            installed = ServerProcess.environment(TestDatabase.newDatabase());
        }
        return installation;
    }

    /**
     * {@code org create} of Acme Analytics with its administrator ops@acme.example on the shared installation, run once:
     * the same launch as the first step of several tests.
     */
    private static synchronized Command acme() {
        if (acme == null) {
            acme = createOrganization("Acme Analytics", "ops@acme.example");
            assertThat(acme.output()).doesNotContain(ADMIN_PASSWORD);
        }
        return acme;
    }

    private static Command createOrganization(String name, String email) {
        Command created = installed(
                ADMIN_PASSWORD + "\n", "org", "create", "--name", name, "--admin-email", email, "--password-stdin");
        assertThat(created.exitCode()).as(created.output()).isZero();
        return created;
    }

    private static ServerProcess startServer() {
        return ServerProcess.start(installation(), installed);
    }

    private static long organizationId(Command created) {
        Matcher matcher = CREATED_ORGANIZATION.matcher(created.stdout());
        assertThat(matcher.find()).as(created.stdout()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static TestClient.Response status(TestClient api, Map<String, String> tokens) {
        return api.get("/api/auth/status/", "Authorization", TestClient.bearer(tokens.get("access")));
    }

    /** Polls with the access token until it is refused; the time from {@code sinceNanos} to the refusal. */
    private static Duration untilRefused(TestClient api, String access, long sinceNanos) {
        while (true) {
            TestClient.Response response = api.get("/api/auth/status/", "Authorization", TestClient.bearer(access));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - sinceNanos);
            if (response.status() == 401) {
                assertThat(response.error()).isEqualTo("invalid_token");
                return elapsed;
            }
            assertThat(response.status()).isEqualTo(200);
            assertThat(elapsed).as("the revoked token is still accepted").isLessThan(Duration.ofSeconds(5));
            sleep(Duration.ofMillis(50));
        }
    }

    private static String newKid(Command rotate) {
        Matcher matcher = Pattern.compile("New signing key (\\S+);").matcher(rotate.stdout());
        assertThat(matcher.find()).as(rotate.stdout()).isTrue();
        return matcher.group(1);
    }

    private static List<String> publishedKids(TestClient api) {
        TestClient.Response jwks = api.get("/api/auth/jwks/");
        assertThat(jwks.status()).isEqualTo(200);
        List<String> kids = new ArrayList<>();
        jwks.json().path("keys").forEach(key -> kids.add(key.path("kid").asString()));
        return kids;
    }

    private static String kid(String jwt) {
        String header =
                new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        return TestClient.JSON.readTree(header).path("kid").asString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
