package com.claribi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Commands the bench runs to their end (tools, set-up), and free ports. */
final class Cmd {

    private Cmd() {}

    /** Runs COMMAND in DIRECTORY with ENVIRONMENT added; its output (stdout and stderr), or a failure naming it. */
    static String run(Path directory, Map<String, String> environment, String stdin, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes());
                }
            }
            String output = new String(process.getInputStream().readAllBytes());
            int code = process.waitFor();
            if (code != 0) {
                throw new BenchException(String.join(" ", command) + " failed (" + code + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new BenchException(String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    static String run(List<String> command) {
        return run(Path.of("."), Map.of(), null, command);
    }

    /** Runs COMMAND with its output going to this process's standard error (a build, a package installation). */
    static void inherit(Path directory, List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("/dev/stderr").toFile()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int code = process.waitFor();
            if (code != 0) {
                throw new BenchException(String.join(" ", command) + " failed (" + code + ")");
            }
        } catch (IOException e) {
            throw new BenchException(String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    /** Whether COMMAND is on the PATH. */
    static boolean exists(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Path.of(dir, command).toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** A loopback port nothing listens on now (the kernel's choice). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }
}
