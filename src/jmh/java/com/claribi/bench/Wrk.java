package com.claribi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load driver: Debian's wrk, one Lua scenario per request kind, whose {@code done()} prints one line that this
 * class reads ({@code BENCH rps p50_ms p99_ms requests non2xx errors}).
 */
final class Wrk {

    /** One wrk run, with the server's CPU time and peak resident memory during it. */
    record Result(
            double rps, double p50, double p99, long requests, long non2xx, long errors, long peakRssKib, double cpu) {

        long notOk() {
            return non2xx + errors;
        }
    }

    private static final String REPORT = """
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("BENCH %.1f %.3f %.3f %d %d %d\\n",
                summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
                latency:percentile(99) / 1000, summary.requests, e.status,
                e.connect + e.read + e.write + e.timeout))
            end
            """;

    private final Path work;

    Wrk(Path work) {
        this.work = work;
    }

    /** Writes the scenario NAME: one request, repeated. */
    void scenario(String name, String method, String path, String body, Map<String, String> headers) {
        StringBuilder lua = new StringBuilder();
        lua.append("wrk.method = ").append(quote(method)).append('\n');
        lua.append("wrk.path = ").append(quote(path)).append('\n');
        if (body != null) {
            lua.append("wrk.body = ").append(quote(body)).append('\n');
        }
        headers.forEach((header, value) ->
                lua.append("wrk.headers[ ").append(quote(header)).append(" ] = ").append(quote(value)).append('\n'));
        lua.append(REPORT);
        write(work.resolve(name + ".lua"), lua.toString());
    }

    /** Runs scenario NAME against BASE and measures SERVER meanwhile. */
    Result run(String name, int threads, int connections, int seconds, URI base, Server server) {
        double cpu0 = server.cpuSeconds();
        Process wrk = start(name, threads, connections, seconds, base);
        long peak;
        try (Server.Peak sampler = server.samplePeak()) {
            waitFor(wrk);
            peak = sampler.kib();
        }
        double cpu = server.cpuSeconds() - cpu0;
        Result line = result(name);
        return new Result(
                line.rps, line.p50, line.p99, line.requests, line.non2xx, line.errors, peak, cpu);
    }

    /** Starts scenario NAME without waiting (a flood beside a measured run); {@link #result} reads it once ended. */
    Process start(String name, int threads, int connections, int seconds, URI base) {
        try {
            return new ProcessBuilder(
                            "wrk",
                            "-t" + threads,
                            "-c" + connections,
                            "-d" + seconds + "s",
                            "--timeout",
                            "10s",
                            "-s",
                            work.resolve(name + ".lua").toString(),
                            base.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve(name + ".out").toFile())
                    .start();
        } catch (IOException e) {
            throw new BenchException("could not start wrk: " + e.getMessage());
        }
    }

    static void waitFor(Process process) {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    static void waitFor(Process process, long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    /** The BENCH line of scenario NAME's last run (no server figures). */
    Result result(String name) {
        Path out = work.resolve(name + ".out");
        List<String> lines;
        try {
            lines = Files.readAllLines(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            if (line.startsWith("BENCH ")) {
                String[] f = line.substring(6).trim().split("\\s+");
                return new Result(
                        Double.parseDouble(f[0]),
                        Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]),
                        Long.parseLong(f[3]),
                        Long.parseLong(f[4]),
                        Long.parseLong(f[5]),
                        0,
                        0);
            }
        }
        throw new BenchException("wrk failed for " + name + ":\n" + String.join("\n", lines));
    }

    /** wrk's version, as {@code wrk -v} prints it (second word of its first line). */
    static String version() {
        try {
            Process wrk = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String first = new String(wrk.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            wrk.waitFor();
            String[] words = first.trim().split("\\s+");
            return words.length > 1 ? words[1] : first;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * A Lua long bracket string, {@code [=[...]=]}: no escapes to get wrong, whatever the value holds. (As an index,
     * it needs a space after the table's "[", or Lua reads "[[" as a string's opening.)
     */
    private static String quote(String value) {
        String level = "=";
        while (value.contains("]" + level + "]")) {
            level += "=";
        }
        return "[" + level + "[" + value + "]" + level + "]";
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
