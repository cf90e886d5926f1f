package com.claribi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisServer;

/**
 * A real Redis server on a free port, without persistence, that a test can stop (the process is killed) and start
 * again on the same port: by default the binaries shipped in {@code embedded-redis} (Redis 6.2), or with
 * {@link #installed()} the machine's own {@code redis-server} (Debian's package, a current major).
 */
public final class TestRedis implements AutoCloseable {

    /** Where Debian's {@code redis-server} package installs the server. */
    public static final Path INSTALLED = Path.of("/usr/bin/redis-server");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final int port = ServerIntegrationTest.freePort();
    private final Path binary;
    private RedisServer server;
    private Process process;

    public TestRedis() {
        this(null);
    }

    private TestRedis(Path binary) {
        this.binary = binary;
        start();
    }

    /** Redis from {@link #INSTALLED}, which must exist ({@code apt-get install redis-server}). */
    public static TestRedis installed() {
        if (!Files.isExecutable(INSTALLED)) {
            throw new IllegalStateException(INSTALLED + " is missing: apt-get install redis-server");
        }
        return new TestRedis(INSTALLED);
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void start() {
        try {
            if (binary != null) {
                process = new ProcessBuilder(List.of(
                                binary.toString(),
                                "--port",
                                String.valueOf(port),
                                "--bind",
                                "127.0.0.1",
                                "--save",
                                "",
                                "--appendonly",
                                "no"))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                awaitListening();
                return;
            }
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void stop() {
        try {
            if (process != null) {
                process.destroyForcibly();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("redis-server did not exit");
                }
                return;
            }
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            binary + " did not listen on port " + port + " within " + START_TIMEOUT, notYet);
                }
                ServerProcess.pause(Duration.ofMillis(20));
            }
        }
    }
}
