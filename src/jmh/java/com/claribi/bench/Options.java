package com.claribi.bench;

import java.util.List;

/**
 * bench/run's options (see its header): what to start beside the server, how long to measure, what to skip, and the
 * peer to measure beside it. (--skip-build is the wrapper's; it is accepted here and changes nothing.) The server's JVM options, its jar and its ahead-of-time options come from the wrapper
 * ({@code -Dbench.serverOptions}, {@code -Dbench.serverJar}, {@code -Dbench.aotOptions}), which chooses them as
 * bin/claribi does.
 */
record Options(
        boolean postgres,
        boolean redis,
        int duration,
        int rounds,
        boolean skipJmh,
        boolean skipBuild,
        boolean profile,
        String peer,
        List<String> serverOptions,
        String serverJar,
        List<String> aotOptions) {

    static Options parse(String[] args) {
        boolean postgres = false;
        boolean redis = false;
        int duration = 8;
        int rounds = 3;
        boolean skipJmh = false;
        boolean skipBuild = false;
        boolean profile = false;
        String peer = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--postgres" -> postgres = true;
                case "--redis" -> redis = true;
                case "--duration" -> duration = positive(args, ++i);
                case "--rounds" -> rounds = positive(args, ++i);
                case "--skip-jmh" -> skipJmh = true;
                case "--skip-build" -> skipBuild = true;
                case "--profile" -> profile = true;
                case "--peer" -> {
                    peer = value(args, ++i);
                    if (!peer.equals("keycloak")) {
                        throw new IllegalArgumentException("--peer: only keycloak is known, not " + peer);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
            }
        }
        String options = System.getProperty("bench.serverOptions", "").strip();
        if (options.isEmpty()) {
            throw new IllegalArgumentException("no server JVM options (-Dbench.serverOptions): run bench/run");
        }
        return new Options(
                postgres,
                redis,
                duration,
                rounds,
                skipJmh,
                skipBuild,
                profile,
                peer,
                List.of(options.split("\\s+")),
                System.getProperty("bench.serverJar", "target/claribi.jar"),
                words(System.getProperty("bench.aotOptions", "")));
    }

    /** The command line as the report names it: {@code bench/run} and the options that change what is measured. */
    String command() {
        return "bench/run" + (postgres ? " --postgres" : "") + (redis ? " --redis" : "")
                + (peer != null ? " --peer " + peer : "");
    }

    /** RESULTS.md, or RESULTS-postgres-redis.md with both PostgreSQL and Redis (and the chart likewise). */
    String resultsName() {
        return postgres && redis ? "RESULTS-postgres-redis.md" : "RESULTS.md";
    }

    String chartName() {
        return postgres && redis ? "results-postgres-redis.png" : "results.png";
    }

    private static List<String> words(String line) {
        return line.isBlank() ? List.of() : List.of(line.strip().split("\\s+"));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static int positive(String[] args, int i) {
        String text = value(args, i);
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw new IllegalArgumentException(args[i - 1] + " needs a positive whole number, not " + text);
    }
}
