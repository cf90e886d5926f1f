package com.claribi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/claribi}'s choice of jar, Java and build, in a copy of the script placed in a made-up checkout or
 * distribution: there {@code mvnw} only records that it was called, and {@code java} (a made-up JDK's, or the
 * distribution's runtime's) prints what it was given instead of starting a JVM, so each case costs a shell, not a
 * build. {@code DistributionIntegrationTests} runs the real distribution.
 */
class LauncherUnitTests {

    private static final Instant BUILT = Instant.now().minus(Duration.ofHours(1));
    private static final Instant EDITED_BEFORE = BUILT.minus(Duration.ofHours(1));

    @TempDir
    Path root;

    @TempDir
    Path jdk;

    @BeforeEach
    void checkout() throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("bin", "claribi"), root.resolve("bin/claribi"));
        Files.copy(Path.of("bin", "jvm-options"), root.resolve("bin/jvm-options"));
        executable(root.resolve("mvnw"), """
                #!/bin/sh
                echo "$@" >> mvnw.calls
                echo "WARNING: what a JVM or Maven may say" >&2
                if [ -f mvnw.fails ]; then echo "[ERROR] COMPILATION ERROR: App.java:[1,1] expected" >&2; exit 1; fi
                mkdir -p target && : > target/claribi.jar
                # Maven leaves a jar it finds up to date with its old time.
                touch -d @1000000000 target/claribi.jar
                """);
        fakeJava(jdk);
        write(root.resolve("pom.xml"), "<project/>", EDITED_BEFORE);
        write(root.resolve("src/main/java/com/claribi/App.java"), "class App {}", EDITED_BEFORE);
        for (Path directory : List.of(
                root.resolve("src/main/java/com/claribi"),
                root.resolve("src/main/java/com"),
                root.resolve("src/main/java"),
                root.resolve("src/main"))) {
            Files.setLastModifiedTime(directory, FileTime.from(EDITED_BEFORE));
        }
        write(root.resolve("target/claribi.jar"), "", BUILT);
    }

    @Test
    void jarNewerThanSourcesThenRunWithoutBuilding() throws Exception {
        Run run = claribi("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(builds()).isEmpty();
        assertThat(run.stdout())
                .containsSubsequence("java=" + jdk.resolve("bin/java"), "JAVA_HOME=" + jdk)
                .containsSubsequence("-XX:TieredStopAtLevel=1")
                .containsSubsequence("-jar", root.resolve("target/claribi.jar").toString(), "--version");
    }

    @Test
    void serveThenServerOptionsAndOwnerOnlyUmask() throws Exception {
        Run run = claribi("serve");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("umask=0077", "-Xmx256m").doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(run.stdout())
                .containsSubsequence("-jar", root.resolve("target/claribi.jar").toString(), "serve");
    }

    @Test
    void sourceNewerThanJarThenRebuiltOnceSayingWhy() throws Exception {
        Files.setLastModifiedTime(root.resolve("src/main/java/com/claribi/App.java"), FileTime.from(Instant.now()));

        Run first = claribi("--version");
        Run second = claribi("--version");

        assertThat(first.exitCode()).isZero();
        assertThat(first.stderr())
                .as("one line: Maven's output only when the build fails")
                .isEqualTo("bin/claribi: src/main/java/com/claribi/App.java is newer than target/claribi.jar:"
                        + " rebuilding it...\n");
        assertThat(first.stdout())
                .containsSubsequence("-jar", root.resolve("target/claribi.jar").toString());
        assertThat(builds()).containsExactly("-B -q -DskipTests -DskipDist package");
        assertThat(second.stderr())
                .as("the rebuilt jar is current, though Maven kept its time")
                .isEmpty();
        assertThat(builds()).hasSize(1);
    }

    @Test
    void buildFailsThenItsOutputAndNothingRun() throws Exception {
        Files.setLastModifiedTime(root.resolve("src/main/java/com/claribi/App.java"), FileTime.from(Instant.now()));
        Files.writeString(root.resolve("mvnw.fails"), "");

        Run run = claribi("--version");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr())
                .contains("COMPILATION ERROR: App.java:[1,1] expected")
                .endsWith("bin/claribi: the build failed\n");
        assertThat(run.stdout()).as("java never started").isEmpty();
    }

    @Test
    void pomNewerThanJarThenRebuilt() throws Exception {
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(Instant.now()));

        Run run = claribi("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).startsWith("bin/claribi: pom.xml is newer than target/claribi.jar");
        assertThat(builds()).hasSize(1);
    }

    @Test
    void sourceDeletedAfterBuildThenRebuilt() throws Exception {
        Files.delete(root.resolve("src/main/java/com/claribi/App.java"));

        Run run = claribi("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).startsWith("bin/claribi: src/main/java/com/claribi is newer than target/claribi.jar");
        assertThat(builds()).hasSize(1);
    }

    @Test
    void jarMissingThenBuiltFirst() throws Exception {
        Files.delete(root.resolve("target/claribi.jar"));

        Run run = claribi("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).startsWith("bin/claribi: building " + root.resolve("target/claribi.jar"));
        assertThat(builds()).hasSize(1);
        assertThat(run.stdout()).contains("--version");
    }

    @Test
    void distributionThenItsRuntimeWhateverJavaHomeAndNeverBuilt() throws Exception {
        Path runtime = distribution();

        Run run = claribi("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(builds()).isEmpty();
        assertThat(run.stdout())
                .containsSubsequence("java=" + runtime.resolve("bin/java"), "JAVA_HOME=" + runtime)
                .containsSubsequence("-jar", root.resolve("lib/app/claribi.jar").toString(), "--version")
                .doesNotContain("AOTCache");
    }

    @Test
    void distributionWithAheadOfTimeCacheThenTheServerMapsIt() throws Exception {
        distribution();
        write(root.resolve("lib/app/claribi.aot"), "", BUILT);

        Run run = claribi("serve");

        assertServedWithCache(run, root.resolve("lib/app"));
    }

    @Test
    void checkoutWithAheadOfTimeCacheMadeFromItsJarThenTheExtractedJarAndItsCache() throws Exception {
        extractedWithCache(BUILT.plusSeconds(20));

        Run run = claribi("serve");

        assertServedWithCache(run, root.resolve("target/app"));
        assertThat(run.stdout()).contains("-Dspring.aot.enabled=true");
    }

    @Test
    void checkoutWithAheadOfTimeCacheOlderThanItsJarThenTheJarAlone() throws Exception {
        extractedWithCache(EDITED_BEFORE);

        assertServedFromTheJarAlone(claribi("serve"));
    }

    /** A cache made by JDK 25 is of no use to an older JDK: the jar alone. */
    @Test
    void checkoutOnJdk21WithAheadOfTimeCacheThenTheJarAlone() throws Exception {
        fakeJava(jdk, 21);
        extractedWithCache(BUILT.plusSeconds(20));

        assertServedFromTheJarAlone(claribi("serve"));
    }

    /** bench/run sources bin/claribi and asks it for the jar and the ahead-of-time options, one a line. */
    @Test
    void sourcedThenCheckoutJarNamesTheJarThenItsAheadOfTimeOptions() throws Exception {
        extractedWithCache(BUILT.plusSeconds(20));
        Process process = new ProcessBuilder(
                        "bash",
                        "-c",
                        "source bin/claribi && checkout_jar \"$0\"",
                        jdk.resolve("bin/java").toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines())
                .containsExactly(
                        root.resolve("target/app/claribi.jar").toString(),
                        "-XX:AOTCache=" + root.resolve("target/app/claribi.aot") + " -Xlog:aot*=off -Xlog:cds*=off");
        assertThat(builds()).isEmpty();
    }

    /** The build's extracted jar (target/app) and its ahead-of-time cache, made at {@code made}. */
    private void extractedWithCache(Instant made) throws IOException {
        write(root.resolve("target/app/claribi.jar"), "", made);
        write(root.resolve("target/app/claribi.aot"), "", made.plusSeconds(10));
    }

    /** The server started from the checkout's target/claribi.jar, without an ahead-of-time cache. */
    private void assertServedFromTheJarAlone(Run run) {
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout())
                .containsSubsequence("-jar", root.resolve("target/claribi.jar").toString(), "serve")
                .doesNotContain("AOTCache");
    }

    /** The server started, unbuilt, from {@code app}'s extracted jar with {@code app}'s ahead-of-time cache. */
    private void assertServedWithCache(Run run, Path app) throws IOException {
        assertThat(run.exitCode()).isZero();
        assertThat(builds()).isEmpty();
        assertThat(run.stdout())
                .containsSubsequence(
                        "-XX:AOTCache=" + app.resolve("claribi.aot"),
                        "-jar",
                        app.resolve("claribi.jar").toString(),
                        "serve");
    }

    /** A distribution's layout in the root (its runtime, the extracted jar), with no checkout's jar; its runtime. */
    private Path distribution() throws IOException {
        Path runtime = root.resolve("runtime");
        fakeJava(runtime);
        write(root.resolve("lib/app/claribi.jar"), "", BUILT);
        Files.delete(root.resolve("target/claribi.jar"));
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(Instant.now()));
        return runtime;
    }

    private record Run(int exitCode, String stdout, String stderr) {}

    private Run claribi(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(root.resolve("bin/claribi").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("JAVA_HOME", jdk.toString());
        Path stdout = Files.createTempFile(root, "stdout", ".txt");
        Path stderr = Files.createTempFile(root, "stderr", ".txt");
        Process process = builder.redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("bin/claribi ended")
                .isTrue();
        return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private List<String> builds() throws IOException {
        Path calls = root.resolve("mvnw.calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    /** A JDK whose {@code java} says it is version 25 and prints its path, JAVA_HOME, umask and arguments, a line each. */
    private static void fakeJava(Path home) throws IOException {
        fakeJava(home, 25);
    }

    /** {@link #fakeJava(Path)} saying it is {@code version}. */
    private static void fakeJava(Path home, int version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        executable(home.resolve("bin/java"), """
                #!/bin/sh
                if [ "$1" = -version ]; then echo 'openjdk version "%d.0.3" 2026-01-20' >&2; exit 0; fi
                echo "java=$0"; echo "JAVA_HOME=$JAVA_HOME"; echo "umask=$(umask)"
                printf '%%s\\n' "$@"
                """.formatted(version));
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void write(Path file, String content, Instant modified) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
