package com.claribi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the binaries shipped in {@code embedded-redis}) on a free port, without persistence, that a
 * test can stop (the process is killed) and start again on the same port.
 */
public final class TestRedis implements AutoCloseable {

    private final int port = ServerIntegrationTest.freePort();
    private RedisServer server;

    public TestRedis() {
        start();
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void start() {
        try {
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
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
