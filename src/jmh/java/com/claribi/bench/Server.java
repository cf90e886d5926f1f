package com.claribi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * A server process under measurement (clariBI's jar, or a peer): started with its output in a log file, timed from
 * the start of its process to the first 200 of a given URL, and read from /proc (resident memory, CPU time) with its
 * child processes, if it has any.
 */
final class Server implements AutoCloseable {

    private static final long CLOCK_TICKS = clockTicks();

    final String name;
    final Process process;
    final Path log;
    final long startupMillis;

    private Server(String name, Process process, Path log, long startupMillis) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startupMillis = startupMillis;
    }

    /**
     * Starts {@code command} in {@code directory} with {@code environment} added to this process's (a null value
     * removes a variable), and waits up to {@code timeout} for a 200 from {@code ready}.
     */
    static Server start(
            String name,
            List<String> command,
            Path directory,
            Map<String, String> environment,
            Path log,
            URI ready,
            Duration timeout,
            Http http) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        environment.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BenchException("could not start " + name + ": " + e.getMessage());
        }
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (http.status(ready) == 200) {
                return new Server(name, process, log, (System.nanoTime() - started) / 1_000_000);
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(20);
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new BenchException(name + " did not answer 200 at " + ready + " within " + timeout.toSeconds()
                + " s; the end of its log (" + log + "):\n" + tail(log, 50));
    }

    /** Resident memory of the process and its children, KiB (0 once it has ended). */
    long rssKib() {
        return processes().map(pid -> statusField(pid, "VmRSS:")).sum();
    }

    /** CPU time (user and system) the process and its children have used so far, seconds. */
    double cpuSeconds() {
        return processes().map(Server::cpuTicks).sum() / (double) CLOCK_TICKS;
    }

    long pid() {
        return process.pid();
    }

    /** Samples {@link #rssKib()} every 0.25 s until closed; {@link Peak#kib()} is the highest seen. */
    Peak samplePeak() {
        return new Peak(this);
    }

    /** Stops it (SIGTERM, and SIGKILL after a minute) and waits for it. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private LongStream processes() {
        return LongStream.concat(LongStream.of(process.pid()), process.descendants().mapToLong(ProcessHandle::pid));
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Ended.
        }
        return 0;
    }

    /** utime + stime from /proc/PID/stat: the 14th and 15th fields, counted after the command name's ")". */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    /** The peak resident memory over an interval, sampled every 0.25 s. */
    static final class Peak implements AutoCloseable {
        private final Thread sampler;
        private volatile long kib;
        private volatile boolean running = true;

        private Peak(Server server) {
            sampler = Thread.ofPlatform().daemon().name("rss-" + server.name).start(() -> {
                while (running) {
                    kib = Math.max(kib, server.rssKib());
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        long kib() {
            return kib;
        }

        @Override
        public void close() {
            running = false;
            sampler.interrupt();
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
