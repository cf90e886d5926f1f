package com.claribi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * PostgreSQL and Redis as temporary instances of the bench's own (Debian's packages), on free loopback ports, in the
 * bench's work directory; stopped when closed.
 */
final class Databases implements AutoCloseable {

    /** The server's environment for them (nothing when neither was asked for). */
    final Map<String, String> environment = new LinkedHashMap<>();

    String postgresVersion;
    int postgresPort;
    String redisVersion;

    private Path pgCtl;
    private Path pgData;
    private boolean asPostgresUser;
    private Path redisPid;

    static Databases start(Options options, Path work) {
        Databases databases = new Databases();
        try {
            if (options.postgres()) {
                databases.startPostgres(work);
            }
            if (options.redis()) {
                databases.startRedis(work);
            }
        } catch (RuntimeException e) {
            databases.close();
            throw e;
        }
        return databases;
    }

    /** The newest installed PostgreSQL's bin directory, or null. */
    static Path postgresBin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> version(bin.getParent().getFileName().toString())))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Integer version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void startPostgres(Path work) {
        Path bin = postgresBin();
        if (bin == null) {
            throw new BenchException("no PostgreSQL under /usr/lib/postgresql");
        }
        pgCtl = bin.resolve("pg_ctl");
        pgData = work.resolve("pg");
        postgresPort = Cmd.freePort();
        try {
            Files.createDirectories(pgData);
            // PostgreSQL refuses to run as root: as root, it runs as the postgres user the package created.
            if (Cmd.root()) {
                asPostgresUser = true;
                Files.setOwner(
                        pgData,
                        pgData.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgresVersion = Cmd.run(List.of(bin.resolve("postgres").toString(), "--version")).trim();
        BenchRun.say("starting PostgreSQL (" + postgresVersion.replaceAll(".* ", "") + ") on port " + postgresPort);
        Cmd.run(asPostgres(bin.resolve("initdb").toString(), "-D", pgData.toString(), "-U", "claribi",
                "--auth=trust", "-E", "UTF8"));
        Cmd.run(asPostgres(pgCtl.toString(), "-D", pgData.toString(), "-l", pgData.resolve("log").toString(), "-w",
                "-o", "-p " + postgresPort + " -k " + pgData + " -c listen_addresses=127.0.0.1 -c max_connections=50",
                "start"));
        Cmd.run(List.of(bin.resolve("psql").toString(), "-q", "-h", "127.0.0.1", "-p", Integer.toString(postgresPort),
                "-U", "claribi", "-d", "postgres", "-c", "create database claribi"));
        environment.put("CLARIBI_DATABASE_URL", jdbcUrl("claribi"));
        environment.put("CLARIBI_DATABASE_USER", "claribi");
        environment.put("CLARIBI_DATABASE_PASSWORD", "bench");
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    private void startRedis(Path work) {
        int port = Cmd.freePort();
        redisVersion = Cmd.run(List.of("redis-server", "--version")).trim().split("\\s+")[2];
        BenchRun.say("starting Redis (" + redisVersion + ") on port " + port);
        redisPid = work.resolve("redis.pid");
        Cmd.run(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "yes", "--pidfile", redisPid.toString(), "--dir",
                work.toString(), "--logfile", work.resolve("redis.log").toString()));
        for (int i = 0; i < 50 && !nonEmpty(redisPid); i++) {
            Server.sleep(100);
        }
        environment.put("CLARIBI_REDIS_URL", "redis://127.0.0.1:" + port);
    }

    private List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static boolean nonEmpty(Path file) {
        try {
            return Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (redisPid != null && nonEmpty(redisPid)) {
            try {
                long pid = Long.parseLong(Files.readString(redisPid).trim());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            } catch (IOException | NumberFormatException e) {
                // Nothing to stop.
            }
        }
        if (pgCtl != null && Files.isDirectory(pgData)) {
            try {
                Cmd.run(asPostgres(pgCtl.toString(), "-D", pgData.toString(), "-m", "fast", "-w", "stop"));
            } catch (BenchException e) {
                // Not running.
            }
        }
    }
}
