package com.claribi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Two server processes, A and B, on one new PostgreSQL database and one master key, as the deployment guide runs
 * several: what one process changes, the other must see. {@link #shared()} is one such pair for the whole test run.
 */
public final class TwoServers implements AutoCloseable {

    /** The password of every administrator made by {@link #newAdministrator()}. */
    public static final String PASSWORD = "correct horse battery staple";

    /**
     * The pollers' look-back window on the shared pair, shortened from the 30 s in production so that a test that must
     * hold a row lock for longer than the window need not wait half a minute: what such a test shows depends on the lock
     * being held longer than the window, not on the window's length.
     */
    public static final Duration LOOK_BACK = Duration.ofSeconds(4);

    private static TwoServers shared;

    private final Path dir;
    private final Map<String, String> environment;
    private final ServerProcess a;
    private final ServerProcess b;
    private String owner;

    private TwoServers(Path dir, Map<String, String> environment, ServerProcess a, ServerProcess b) {
        this.dir = dir;
        this.environment = environment;
        this.a = a;
        this.b = b;
    }

    /**
     * Starts A and B in {@code dir} on a new database with a new master key, and with {@code settings} ({@code
     * CLARIBI_*} environment variables) on top.
     */
    public static TwoServers start(Path dir, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(ServerProcess.environment(TestDatabase.newDatabase()));
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        environment.put("CLARIBI_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));
        environment.putAll(settings);
        ServerProcess a = ServerProcess.start(dir.resolve("a"), environment);
        try {
            return new TwoServers(dir, Map.copyOf(environment), a, ServerProcess.start(dir.resolve("b"), environment));
        } catch (RuntimeException | Error e) {
            a.close();
            throw e;
        }
    }

    /**
     * One pair for every test class that needs no settings of its own (but a {@link #LOOK_BACK} of the pollers), started
     * on first use and stopped when the test JVM exits.
     */
    public static synchronized TwoServers shared() {
        if (shared == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("claribi-two-servers-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shared = start(
                    dir,
                    Map.of(
                            "CLARIBI_REVOCATIONS_LOOK_BACK", LOOK_BACK.toString(),
                            "CLARIBI_API_KEYS_LOOK_BACK", LOOK_BACK.toString()));
            TwoServers started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return shared;
    }

    public ServerProcess a() {
        return a;
    }

    public ServerProcess b() {
        return b;
    }

    /** The {@code CLARIBI_*} environment both processes run with (the database's URL and credentials among them). */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * A new administrator (password {@link #PASSWORD}), each with its own sessions and keys; the administrator's email.
     * The first is made with the command line while both servers run, with a new organization; the others join that
     * organization through the API on A, which costs a request rather than the start of a JVM.
     */
    public synchronized String newAdministrator() {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        if (owner == null) {
            ServerProcess.Command created = ServerProcess.run(
                    dir.resolve("cli"),
                    environment,
                    PASSWORD + "\n",
                    "org",
                    "create",
                    "--name",
                    "Org of " + email,
                    "--admin-email",
                    email,
                    "--password-stdin");
            assertThat(created.exitCode()).as(created.output()).isZero();
            owner = email;
            return email;
        }
        TestClient.Response created = a.client()
                .post(
                        "/api/users/",
                        Map.of("email", email, "password", PASSWORD, "role", "administrator"),
                        "Authorization",
                        a.client().as(owner, PASSWORD));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return email;
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
