package com.claribi.bench;

import com.claribi.ClaribiApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole server, started inside a JMH fork (embedded H2 in a temporary data directory, a random HTTPS port, no
 * plain-HTTP port), so that the benchmarks measure the beans exactly as the server wires them.
 */
public final class BenchServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Path dataDir;

    public BenchServer() {
        try {
            dataDir = Files.createTempDirectory("claribi-jmh");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context = SpringApplication.run(
                ClaribiApplication.class,
                "--claribi.port=0",
                "--claribi.http-port=off",
                "--claribi.data-dir=" + dataDir,
                "--logging.level.root=WARN");
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The id and organization of the administrator created at the first start. */
    public long[] admin() {
        return JdbcClient.create(bean(javax.sql.DataSource.class))
                .sql("select id, organization_id from users order by id limit 1")
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }

    @Override
    public void close() {
        context.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory.
        }
    }
}
