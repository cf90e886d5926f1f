package com.claribi.bench;

import static com.claribi.bench.BenchRun.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** bench/RESULTS.md (or RESULTS-postgres-redis.md) and its chart, from what {@link BenchRun} measured. */
final class Report {

    private static final Map<String, String> SHORT = Map.of(
            "health", "health",
            "jwt_status", "status JWT",
            "key_status", "status key",
            "jwt_list", "list JWT",
            "key_list", "list key");

    private final BenchRun run;
    private final Options options;
    private final Figures figures = new Figures();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    private final List<String> md = new ArrayList<>();

    Report(BenchRun run) {
        this.run = run;
        this.options = run.options;
        computeFigures();
    }

    /** The median over the rounds of one field of NAME's runs (the lower middle for an even count). */
    static double median(List<Wrk.Result> results, ToDoubleFunction<Wrk.Result> field) {
        double[] values = results.stream().mapToDouble(field).sorted().toArray();
        return values.length == 0 ? 0 : values[(values.length + 1) / 2 - 1];
    }

    private double median(String name, ToDoubleFunction<Wrk.Result> field) {
        return median(run.rounds.get(name), field);
    }

    private double baseRps() {
        return median("health", Wrk.Result::rps);
    }

    private double ratio(String name) {
        return round(median(name, Wrk.Result::rps) / baseRps(), 3);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static double mib(long kib) {
        return kib / 1024.0;
    }

    private double floodRatio() {
        return run.flooded.p99() > 0 && run.unloaded.p99() > 0 ? run.flooded.p99() / run.unloaded.p99() : 999;
    }

    /** Whether this run is on PostgreSQL and Redis, where some goals differ. */
    private boolean shared() {
        return options.postgres() && options.redis();
    }

    private void computeFigures() {
        figures.put("jwt_ratio", ratio("jwt_status"), format("%.1f%%", ratio("jwt_status") * 100));
        figures.put("key_ratio", ratio("key_status"), format("%.1f%%", ratio("key_status") * 100));
        double refreshPerCpu = Math.round(run.refresh.requests() / run.refresh.cpu());
        figures.put("refresh_per_cpu_second", refreshPerCpu, format("%.0f per server CPU-second (%.0f req/s per"
                + " machine core)", refreshPerCpu, run.refresh.rps() / cores));
        double loginsPerCpu = round(run.login.requests() / run.login.cpu(), 1);
        figures.put("logins_per_cpu_second", loginsPerCpu, format("%.1f per server CPU-second (%.1f per machine core)",
                loginsPerCpu, run.login.rps() / cores));
        if (run.keyScale.isEmpty()) {
            figures.notMeasured("key_check_ratio", "not measured (--skip-jmh)");
        } else {
            figures.put("key_check_ratio", Double.parseDouble(run.keyScale.get("check_ratio")), format(
                    "whole cold check %sx, query alone %sx", run.keyScale.get("check_ratio"),
                    run.keyScale.get("query_ratio")));
        }
        double p99 = round(floodRatio(), 2);
        figures.put("flood_p99_ratio", p99, format("%.3f ms vs %.3f ms: %.2fx%s", run.flooded.p99(),
                run.unloaded.p99(), p99, p99 == 999 ? " (no request completed)" : ""));
        double rssLoad = Math.round(mib(run.rssLoadKib));
        figures.put("rss_load_mb", rssLoad, format("%.0f MiB (peak)", rssLoad));
        double rssIdle = Math.round(mib(run.rssIdleKib));
        figures.put("rss_idle_mb", rssIdle, format("%.0f MiB", rssIdle));
        figures.put("restart_ms", run.startupMainMillis, format("%,d ms", run.startupMainMillis));
        figures.put("first_start_ms", run.startupLimitsMillis, format("%,d ms", run.startupLimitsMillis));
        Keycloak.Results peer = run.peer;
        if (peer != null) {
            double refresh = run.refresh.rps() / peer.refresh().rps();
            figures.put("peer_refresh_ratio", refresh, format("%.2fx (%.1f vs %.1f req/s)", refresh,
                    run.refresh.rps(), peer.refresh().rps()));
            double login = run.login.rps() / peer.login().rps();
            figures.put("peer_login_ratio", login, format("%.2fx (%.1f vs %.1f req/s)", login, run.login.rps(),
                    peer.login().rps()));
            double rss = (double) run.rssLoadKib / peer.peakRssKib();
            figures.put("peer_rss_ratio", rss, format("%.2fx (%.0f vs %.0f MB)", rss, mib(run.rssLoadKib),
                    mib(peer.peakRssKib())));
            double restart = (double) run.startupMainMillis / peer.restartMillis();
            figures.put("peer_restart_ratio", restart, format("%.2fx (%d vs %d ms)", restart,
                    run.startupMainMillis, peer.restartMillis()));
        }
    }

    /** Writes the results and the chart into bench/. */
    void write() {
        BenchRun.say("writing bench/" + options.resultsName() + " and bench/" + options.chartName());
        header();
        targetsSection();
        throughputSection();
        tokensSection();
        floodSection();
        keyScaleSection();
        memorySection();
        if (run.peer != null) {
            peerSection();
        }
        limitsSection();
        jmhSection();
        profileSection();
        md.add("![Throughput and latency](" + options.chartName() + ")");
        Path results = run.root.resolve("bench").resolve(options.resultsName());
        Path temporary = results.resolveSibling(results.getFileName() + ".tmp");
        try {
            Files.write(temporary, md);
            Files.move(temporary, results, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new Chart(run, this).draw(run.root.resolve("bench").resolve(options.chartName()));
    }

    /** What bench/run prints at its end: the targets and the throughput, and the peer's table with one. */
    String targets() {
        StringBuilder out = new StringBuilder();
        boolean printing = false;
        for (String line : md) {
            if (line.startsWith("## ")) {
                printing = line.equals("## Targets") || line.startsWith("## Throughput")
                        || line.startsWith("## Beside Keycloak");
            }
            if (printing) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private void header() {
        long seconds = BenchRun.elapsed().toSeconds();
        md.add("# Benchmark results");
        md.add("");
        md.add("Written by `" + options.command() + "` on "
                + now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " UTC, commit `" + git()
                + "; the run took " + seconds / 60 + " min " + seconds % 60 + " s.");
        md.add("");
        md.add("| | |");
        md.add("| --- | --- |");
        md.add("| machine | " + cores + " cores (" + cpuModel() + "), " + ram() + " RAM, " + uname() + " |");
        md.add("| JDK | " + jdk() + " (" + System.getProperty("java.home") + ") |");
        md.add("| server JVM options | `" + String.join(" ", options.serverOptions()) + "` (plus `-Xlog:gc` to a file"
                + (options.profile() ? ", and JFR: --profile" : "") + ") |");
        md.add("| server | " + serverJar() + ", " + mode() + "; TLS (self-signed, TLS 1.3), port " + run.port + " |");
        md.add("| settings | phase 2: request budgets (`CLARIBI_RATE_LIMIT_*`) and the failed-login throttle"
                + " (`CLARIBI_LOGIN_THROTTLE_*`, which holds a token while a login is checked) raised to "
                + BenchRun.HIGH + ", so that nothing is refused and the login flood reaches Argon2 (the worst case:"
                + " many addresses); phase 1: the shipped defaults; Argon2id m=19456 KiB, t=2, p=1, hashing pool and"
                + " queue as configured (cores, 64); everything else default |");
        md.add("| load generator | wrk " + Wrk.version() + " on the same machine, another process: client and server"
                + " share the " + cores + " cores |");
        md.add(format("| wrk | throughput: `-t%d -c%d -d%ds`, %d alternating rounds, medians shown (after a %d s warm-up"
                        + " of each); latency: `-t1 -c%d -d%ds`; logins: `-t1 -c4`; flood: `-t2 -c%d` on login |",
                BenchRun.WRK_THREADS, BenchRun.WRK_CONNECTIONS, options.duration(), options.rounds(),
                BenchRun.WARM_UP_SECONDS,
                BenchRun.LATENCY_CONNECTIONS, options.duration(), BenchRun.FLOOD_CONNECTIONS));
        md.add("");
    }

    private void targetsSection() {
        md.add("## Targets");
        md.add("");
        md.add("| target | measured | |");
        md.add("| --- | --- | --- |");
        for (Target target : Target.ALL) {
            if (target.stores().applies(shared())) {
                figures.row(target).ifPresent(md::add);
            }
        }
        md.add("");
    }

    private void throughputSection() {
        md.add("## Throughput and latency against the unauthenticated baseline");
        md.add("");
        md.add("| request | req/s | ratio | p50 ms | p99 ms | non-2xx |");
        md.add("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (String name : BenchRun.NAMES) {
            long notOk = run.rounds.get(name).stream().mapToLong(Wrk.Result::notOk).sum();
            md.add(format("| %s | %.1f | %.3f | %.3f | %.3f | %d |", label(name), median(name, Wrk.Result::rps),
                    median(name, Wrk.Result::rps) / baseRps(), median(name, Wrk.Result::p50),
                    median(name, Wrk.Result::p99), notOk));
        }
        md.add("");
        md.add("Per-round req/s (health, status JWT, status key, list JWT, list key):");
        for (int round = 0; round < options.rounds(); round++) {
            int r = round;
            md.add("- round " + (round + 1) + ": " + BenchRun.NAMES.stream()
                    .map(name -> format("%.1f", run.rounds.get(name).get(r).rps()))
                    .collect(Collectors.joining(" ")));
        }
        if (run.keyListNote != null) {
            md.add("");
            md.add("Note: " + run.keyListNote);
        }
        md.add("");
    }

    private void tokensSection() {
        md.add("## Tokens and logins");
        md.add("");
        md.add("| | req/s | server CPU s | per server CPU-second | p50 ms | p99 ms | non-2xx |");
        md.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        md.add(format("| POST /api/auth/token/refresh/ (`-c%d`, %ds) | %.1f | %.2f | %.0f | %.3f | %.3f | %d |",
                BenchRun.WRK_CONNECTIONS, options.duration(), run.refresh.rps(), run.refresh.cpu(),
                figures.get("refresh_per_cpu_second").orElseThrow().value(), run.refresh.p50(), run.refresh.p99(),
                run.refresh.notOk()));
        md.add(format("| POST /api/auth/login/ (`-c4`, %ds) | %.1f | %.2f | %.1f | %.3f | %.3f | %d |",
                options.duration(), run.login.rps(), run.login.cpu(),
                figures.get("logins_per_cpu_second").orElseThrow().value(), run.login.p50(), run.login.p99(),
                run.login.notOk()));
        md.add("");
        md.add("Per core = requests divided by the CPU time the server process used during the run"
                + " (/proc/PID/stat utime+stime), so the load generator's share of the cores is not counted against"
                + " the server.");
        md.add("");
    }

    private void floodSection() {
        md.add("## Authenticated latency during a login flood");
        md.add("");
        md.add(format("GET /api/auth/status/ with a JWT, `-t1 -c%d -d%ds`, first alone, then while `wrk -t2 -c%d`"
                        + " posts correct logins (another account) as fast as it can:",
                BenchRun.LATENCY_CONNECTIONS, options.duration(), BenchRun.FLOOD_CONNECTIONS));
        md.add("");
        md.add("| | req/s | p50 ms | p99 ms |");
        md.add("| --- | ---: | ---: | ---: |");
        md.add(format("| unloaded | %.1f | %.3f | %.3f |", run.unloaded.rps(), run.unloaded.p50(), run.unloaded.p99()));
        md.add(format("| during the flood | %.1f | %.3f | %.3f |", run.flooded.rps(), run.flooded.p50(),
                run.flooded.p99()));
        md.add("");
        md.add(format("The flood: %d login requests in %d s (%.1f/s), of which %d answered other than 2xx (429 when the"
                        + " hashing queue is full).",
                run.flood.requests(), run.floodSeconds, run.flood.rps(), run.flood.non2xx()));
        md.add("");
    }

    private void keyScaleSection() {
        md.add("## API key check cost: 1,000 vs 1,000,000 keys in PostgreSQL");
        md.add("");
        Map<String, String> ks = run.keyScale;
        if (ks.isEmpty()) {
            md.add("Not measured in this run (--skip-jmh).");
            md.add("");
            return;
        }
        md.add("Measured in " + run.keyScaleWhere + " by `com.claribi.apikey.ApiKeyScale` (src/jmh/java): two"
                + " databases, the same 1,000 real keys in both plus 999,000 more in the second; each round checks"
                + " every real key once, cold (its cache entry dropped), alternating between the databases; median of "
                + ks.get("rounds") + " rounds. Setup (bulk insert with generate_series) took " + ks.get("setup_seconds")
                + " s.");
        md.add("");
        md.add("| | 1,000 keys | 1,000,000 keys | ratio |");
        md.add("| --- | ---: | ---: | ---: |");
        md.add("| whole cold check (format, checksum, SHA-256, cache miss, query), µs | " + ks.get("check_1k_us")
                + " | " + ks.get("check_1m_us") + " | " + ks.get("check_ratio") + " |");
        md.add("| query alone (`ApiKeys.findByHash`), µs | " + ks.get("query_1k_us") + " | " + ks.get("query_1m_us")
                + " | " + ks.get("query_ratio") + " |");
        md.add("");
        md.add("Whole-check ratio per round: " + ks.get("check_ratio_rounds") + ". Plan at 1,000,000 keys: `"
                + ks.get("plan") + "`.");
        md.add("");
    }

    private void memorySection() {
        md.add("## Memory and start-up");
        md.add("");
        md.add("| | |");
        md.add("| --- | ---: |");
        md.add(format("| RSS at idle (after start, before load) | %.0f MB |", mib(run.rssIdleKib)));
        md.add(format("| RSS under load (peak over every phase-2 run, sampled every 0.25 s) | %.0f MB%s |",
                mib(run.rssLoadKib), options.profile() ? " (with JFR recording: --profile; not comparable)" : ""));
        md.add(format("| RSS during the login flood (peak) | %.0f MB |", mib(run.flooded.peakRssKib())));
        md.add(format("| start-up, process start to the first 200 from /api/health/ | %d ms (phase 1's start: %d ms) |",
                run.startupMainMillis, run.startupLimitsMillis));
        md.add(format("| garbage collections in phase 2 (`-Xlog:gc`): young | %d, %.0f ms in all, longest %.0f ms |",
                run.gcYoung.count(), run.gcYoung.totalMillis(), run.gcYoung.maxMillis()));
        md.add(format("| garbage collections in phase 2: full | %d, %.0f ms in all, longest %.0f ms |",
                run.gcFull.count(), run.gcFull.totalMillis(), run.gcFull.maxMillis()));
        md.add("| peak RSS per phase-2 run, MB | " + List.of(
                        "health", "jwt_status", "key_status", "jwt_list", "key_list", "refresh", "login", "latency")
                .stream()
                .filter(run.peakPerRun::containsKey)
                .map(name -> name + " " + run.peakPerRun.get(name) / 1024)
                .collect(Collectors.joining(", ")) + " |");
        md.add("");
    }

    private void peerSection() {
        Keycloak.Results peer = run.peer;
        md.add("## Beside Keycloak (--peer keycloak)");
        md.add("");
        md.add("Keycloak " + Keycloak.VERSION + " (`" + Keycloak.ARTIFACT + "` from Maven Central), `kc.sh start-dev`"
                + " on port " + peer.port() + " (plain HTTP on loopback, its dev-file H2 database made anew), the same"
                + " JDK with its own default JVM options (`" + String.join(" ", peer.jvmOptions())
                + "`), measured after clariBI's phase 2 in the same run with the same wrk settings. Its realm `"
                + Keycloak.REALM + "`, a public client with direct access grants and a user were made through its"
                + " admin REST API; the user's"
                + " password is hashed as Keycloak does by default (" + peer.hashing() + "). Keycloak's brute-force"
                + " protection is off by default (and in this realm); clariBI's failed-login throttles are raised to "
                + BenchRun.HIGH + " in phase 2 (as for every figure above), so that neither refuses a login.");
        md.add("");
        double kcBase = median(peer.rounds().get("kc_wellknown"), Wrk.Result::rps);
        double kcAuth = median(peer.rounds().get("kc_userinfo"), Wrk.Result::rps);
        double kcRatio = kcAuth / kcBase;
        double ours = median("jwt_status", Wrk.Result::rps) / baseRps();
        md.add("| figure | clariBI | Keycloak | clariBI / Keycloak | goal | |");
        md.add("| --- | ---: | ---: | ---: | --- | --- |");
        Target auth = Target.of("jwt_ratio", shared()).orElseThrow();
        md.add(format("| authenticated / unauthenticated req/s (status with a JWT / health; userinfo / `.well-known`)"
                        + " | %.3f | %.3f | %.2f | %s (clariBI's) | %s |",
                ours, kcRatio, ours / kcRatio, auth.goalText(), auth.verdict(ours)));
        peerRow("token refresh req/s (POST /api/auth/token/refresh/; refresh_token grant)", run.refresh.rps(),
                peer.refresh().rps(), "%.1f", "peer_refresh_ratio");
        peerRow("password login req/s (POST /api/auth/login/; password grant)", run.login.rps(), peer.login().rps(),
                "%.1f", "peer_login_ratio");
        peerRow("peak RSS under load, MB (clariBI's over phase 2, its login flood included)", mib(run.rssLoadKib),
                mib(peer.peakRssKib()), "%.0f", "peer_rss_ratio");
        peerRow("restart to the first 200, ms (/api/health/; the realm's `.well-known`)", run.startupMainMillis,
                peer.restartMillis(), "%.0f", "peer_restart_ratio");
        md.add("");
        md.add("Keycloak's runs (clariBI's are above):");
        md.add("");
        md.add("| request | req/s | ratio | p50 ms | p99 ms | server CPU s | non-2xx |");
        md.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String name : Keycloak.NAMES) {
            List<Wrk.Result> results = peer.rounds().get(name);
            md.add(format("| GET %s | %.1f | %.3f | %.3f | %.3f | %.2f | %d |",
                    name.equals("kc_wellknown") ? Keycloak.WELL_KNOWN + " (no credentials: the baseline)"
                            : Keycloak.USERINFO + " with a bearer token",
                    median(results, Wrk.Result::rps), median(results, Wrk.Result::rps) / kcBase,
                    median(results, Wrk.Result::p50), median(results, Wrk.Result::p99),
                    median(results, Wrk.Result::cpu), results.stream().mapToLong(Wrk.Result::notOk).sum()));
        }
        for (Wrk.Result result : List.of(peer.refresh(), peer.login())) {
            boolean refresh = result == peer.refresh();
            md.add(format("| POST %s, %s grant (`-c%d`) | %.1f | | %.3f | %.3f | %.2f | %d |", Keycloak.TOKEN,
                    refresh ? "refresh_token" : "password", refresh ? BenchRun.WRK_CONNECTIONS : 4, result.rps(),
                    result.p50(), result.p99(), result.cpu(), result.notOk()));
        }
        md.add("");
        md.add("Per-round req/s (`.well-known`, userinfo): " + java.util.stream.IntStream.range(0, options.rounds())
                .mapToObj(r -> Keycloak.NAMES.stream()
                        .map(name -> format("%.1f", peer.rounds().get(name).get(r).rps()))
                        .collect(Collectors.joining(" ")))
                .collect(Collectors.joining("; ")) + ".");
        md.add("");
        md.add(format("Keycloak's first start%s %d ms; RSS at idle"
                        + " %.0f MB. Refreshes per server CPU-second: clariBI %.0f, Keycloak %.0f; logins:"
                        + " clariBI %.1f, Keycloak %.1f.",
                peer.builtAtFirstStart() ? " (with its one-time build of the configuration, after unpacking)" : "",
                peer.firstStartMillis(), mib(peer.idleRssKib()),
                figures.get("refresh_per_cpu_second").orElseThrow().value(),
                peer.refresh().requests() / peer.refresh().cpu(),
                figures.get("logins_per_cpu_second").orElseThrow().value(),
                peer.login().requests() / peer.login().cpu()));
        md.add("");
    }

    private void peerRow(String text, double ours, double theirs, String pattern, String figure) {
        Target target = Target.of(figure, shared()).orElseThrow();
        double ratio = ours / theirs;
        md.add(format("| %s | " + pattern + " | " + pattern + " | %.2fx | %sx | %s |", text, ours, theirs, ratio,
                target.goalText(), target.verdict(ratio)));
    }

    private void limitsSection() {
        md.add("## Rate limits on their own (phase 1: the shipped budgets)");
        md.add("");
        md.add(format("The server as configured by default (1000 requests/min per user, 100/min per API key); one"
                        + " client with `-t1 -c%d -d%ds` spends the budget at once and then gets 429s:",
                BenchRun.LATENCY_CONNECTIONS, BenchRun.LIMIT_SECONDS));
        md.add("");
        md.add("| | requests | refused (429) | req/s | p50 ms | p99 ms |");
        md.add("| --- | ---: | ---: | ---: | ---: | ---: |");
        md.add(limitRow("GET /api/auth/status/ with a JWT (1000/min)", run.limitJwt));
        md.add(limitRow("GET /api/auth/status/ with an API key (100/min)", run.limitKey));
        md.add("");
    }

    private static String limitRow(String text, Wrk.Result r) {
        return format("| %s | %d | %d | %.1f | %.3f | %.3f |", text, r.requests(), r.non2xx(), r.rps(), r.p50(),
                r.p99());
    }

    private void jmhSection() {
        if (run.jmh.isEmpty()) {
            return;
        }
        md.add("## JMH microbenchmarks (hot-path pieces)");
        md.add("");
        md.add("JMH 1.37, `-wi 3 -i 5 -w 1s -r 1s -f 1`, one thread, average time per operation (± the 99.9% error);"
                + " each fork starts the whole server (embedded H2) and measures its beans.");
        md.add("");
        md.add("| benchmark | score | ± | unit |");
        md.add("| --- | ---: | ---: | --- |");
        for (String[] row : run.jmh) {
            md.add(format("| %s | %.3f | %.3f | %s |", row[0].replaceFirst("^com\\.claribi\\.", ""),
                    Double.parseDouble(row[4]), Double.parseDouble(row[5]), row[6]));
        }
        md.add("");
    }

    private void profileSection() {
        if (run.profile.isEmpty()) {
            return;
        }
        md.add("## Profile (JFR execution samples, top frames, phase 2)");
        md.add("");
        md.add("```");
        md.addAll(run.profile);
        md.add("```");
        md.add("");
    }

    String label(String name) {
        return switch (name) {
            case "health" -> "GET /api/health/ (no credentials: the baseline)";
            case "jwt_status" -> "GET /api/auth/status/ with a JWT";
            case "key_status" -> "GET /api/auth/status/ with an API key";
            case "jwt_list" -> "GET /api/api-keys/ (list) with a JWT";
            case "key_list" -> "GET " + run.keyList + " (list) with an API key";
            default -> name;
        };
    }

    static String shortLabel(String name) {
        return SHORT.getOrDefault(name, name);
    }

    int cores() {
        return cores;
    }

    String date() {
        return now.format(DateTimeFormatter.ISO_LOCAL_DATE);
    }

    /** The jar as bin/claribi runs it: the build's extracted jar with its ahead-of-time cache, or the jar alone. */
    private String serverJar() {
        String root = run.root.toAbsolutePath() + "/";
        String jar = options.serverJar().replace(root, "");
        if (options.aotOptions().isEmpty()) {
            return jar;
        }
        return jar + " with its ahead-of-time cache (`" + String.join(" ", options.aotOptions()).replace(root, "") + "`)";
    }

    private String mode() {
        String pg = "PostgreSQL (" + run.databases.postgresVersion + ", temporary instance)";
        String redis = "Redis " + run.databases.redisVersion + " (temporary instance)";
        if (options.postgres() && options.redis()) {
            return pg + ", " + redis;
        } else if (options.postgres()) {
            return pg + ", in-process rate limits";
        } else if (options.redis()) {
            return "H2 database, " + redis;
        }
        return "embedded defaults (H2 database, in-process rate limits)";
    }

    private String git() {
        String commit;
        try {
            commit = Cmd.run(List.of("git", "rev-parse", "--short", "HEAD")).trim();
        } catch (BenchException e) {
            return "unknown";
        }
        try {
            Cmd.run(List.of("git", "diff", "--quiet", "HEAD"));
            return commit + "`";
        } catch (BenchException e) {
            return commit + "` (with uncommitted changes)";
        }
    }

    private String jdk() {
        try {
            return Cmd.run(List.of(run.java.toString(), "-version")).lines().findFirst().orElse("");
        } catch (BenchException e) {
            return System.getProperty("java.version");
        }
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").replaceFirst("^[^:]*:\\s*", "");
    }

    private static String ram() {
        String total = procLine("/proc/meminfo", "MemTotal").replaceAll("[^0-9]", "");
        return total.isEmpty() ? "?" : format("%.1f GiB", Long.parseLong(total) / 1048576.0);
    }

    private static String procLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(prefix))
                    .findFirst()
                    .orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String uname() {
        try {
            return Cmd.run(List.of("uname", "-sr")).trim();
        } catch (BenchException e) {
            return System.getProperty("os.name");
        }
    }
}
