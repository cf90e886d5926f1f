package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.ServerProcess;
import com.claribi.support.ServerProcess.Command;
import com.claribi.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modes of the data directory and of the files the server keeps in it, on the built jar started as an operator
 * does (the process umask is the test JVM's, typically 0022): owner-only whatever the umask, and a start refused, the
 * way ssh refuses a private key, when others can read the data directory or the master key.
 */
class DataDirectoryPermissionsIntegrationTests {

    @TempDir
    Path parent;

    private Path dataDir;
    private Map<String, String> environment;

    @BeforeEach
    void newInstallation() {
        dataDir = parent.resolve("data");
        environment = new HashMap<>(ServerProcess.environment(TestDatabase.newDatabase()));
    }

    @Test
    void freshStartThenDataDirectoryMasterKeyDatabaseAndTlsKeyOwnerOnly() throws IOException {
        try (ServerProcess server = ServerProcess.start(dataDir, environment)) {
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("master.key"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("tls"))).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("tls/key.pem"))).isEqualTo("rw-------");
            if (TestDatabase.isPostgres()) {
                assertThat(dataDir.resolve("db")).doesNotExist();
            } else {
                assertThat(mode(dataDir.resolve("db"))).isEqualTo("rwx------");
                assertThat(dataDir.resolve("db/claribi.mv.db")).exists();
                assertThat(filesIn(dataDir.resolve("db")))
                        .allSatisfy(file ->
                                assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void startWhenMasterKeyReadableByOthersThenRefusedWithChmodAndNothingServed() throws IOException {
        TestDatabase.noDatabaseInvolved();
        ServerProcess.start(dataDir, environment).close();
        Path masterKey = dataDir.resolve("master.key");
        for (String mode : List.of("rw-r--r--", "rw-r-----")) {
            Files.setPosixFilePermissions(masterKey, PosixFilePermissions.fromString(mode));
            Command refused = serve();
            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output())
                    .contains("Permissions " + (mode.equals("rw-r--r--") ? "0644" : "0640") + " for '" + masterKey
                            + "' are too open.")
                    .contains("It is required that the master key file is NOT accessible by others.")
                    .contains("chmod 600 '" + masterKey + "'")
                    .doesNotContain("Tomcat started");
        }
        Files.setPosixFilePermissions(masterKey, PosixFilePermissions.fromString("rw-------"));
        try (ServerProcess again = ServerProcess.start(dataDir, environment)) {
            assertThat(again.client().get("/api/health/").status()).isEqualTo(200);
        }
    }

    @Test
    void startWhenDataDirectoryOfAnEarlierVersionReadableByOthersThenRefusedWithChmod() throws IOException {
        TestDatabase.noDatabaseInvolved();
        ServerProcess.start(dataDir, environment).close();
        // What the previous version left: a data directory with the umask's mode 0755.
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Command refused = serve();
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output())
                .contains("Permissions 0755 for '" + dataDir + "' are too open.")
                .contains("chmod 700 '" + dataDir + "'")
                .doesNotContain("Tomcat started");

        Command command = ServerProcess.run(dataDir, environment, "", "user", "revoke-sessions", "--email", "a@b.c");
        assertThat(command.exitCode()).as(command.output()).isEqualTo(1);
        assertThat(command.stderr()).contains("Permissions 0755 for '" + dataDir + "' are too open.");
        assertThat(mode(dataDir))
                .as("refused, not changed behind the operator's back")
                .isEqualTo("rwxr-xr-x");

        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        try (ServerProcess again = ServerProcess.start(dataDir, environment)) {
            assertThat(again.client().get("/api/health/").status()).isEqualTo(200);
        }
    }

    @Test
    void startWhenEarlierVersionLeftDatabaseFilesWithUmaskModeThenTightened() throws IOException {
        assumeThat(TestDatabase.isPostgres())
                .as("database files exist on the embedded database only")
                .isFalse();
        ServerProcess.start(dataDir, environment).close();
        Path db = dataDir.resolve("db");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path file : filesIn(db)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (ServerProcess again = ServerProcess.start(dataDir, environment)) {
            assertThat(mode(db)).isEqualTo("rwx------");
            assertThat(filesIn(db))
                    .isNotEmpty()
                    .allSatisfy(
                            file -> assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------"));
        }
    }

    @Test
    void startWithMasterKeyFromEnvironmentThenNoKeyFileWritten() {
        TestDatabase.noDatabaseInvolved();
        environment.put("CLARIBI_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        try (ServerProcess server = ServerProcess.start(dataDir, environment)) {
            assertThat(server.client().get("/api/health/").status()).isEqualTo(200);
            assertThat(dataDir.resolve("master.key")).doesNotExist();
            assertThat(mode(dataDir)).as("still created for the TLS key").isEqualTo("rwx------");
        }
    }

    /** {@code serve} run to its end, on a free port: a refused start exits by itself. */
    private Command serve() {
        Map<String, String> env = new HashMap<>(environment);
        env.put("CLARIBI_PORT", String.valueOf(ServerIntegrationTest.freePort()));
        env.put("CLARIBI_HTTP_PORT", "off");
        return ServerProcess.run(dataDir, env, "", "serve");
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new AssertionError("Cannot read the mode of " + path, e);
        }
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
