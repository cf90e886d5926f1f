package com.claribi.bench;

import static com.claribi.bench.BenchRun.format;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The chart (gnuplot, PNG): req/s against the baseline, p50/p99, authenticated latency against a login flood, and,
 * with a peer, clariBI's req/s beside the peer's.
 */
final class Chart {

    private final BenchRun run;
    private final Report report;

    Chart(BenchRun run, Report report) {
        this.run = run;
        this.report = report;
    }

    void draw(Path png) {
        Path chart = run.work.resolve("chart.dat");
        Path flood = run.work.resolve("flood.dat");
        Path peer = run.work.resolve("peer.dat");
        Wrk.write(chart, BenchRun.NAMES.stream()
                .map(name -> format("\"%s\" %.1f %.3f %.3f", Report.shortLabel(name),
                        Report.median(run.rounds.get(name), Wrk.Result::rps),
                        Report.median(run.rounds.get(name), Wrk.Result::p50),
                        Report.median(run.rounds.get(name), Wrk.Result::p99)))
                .collect(Collectors.joining("\n", "", "\n")));
        Wrk.write(flood, format("\"unloaded\" %.3f %.3f%n\"login flood\" %.3f %.3f%n", run.unloaded.p50(),
                run.unloaded.p99(), run.flooded.p50(), run.flooded.p99()));
        Keycloak.Results kc = run.peer;
        StringBuilder script = new StringBuilder();
        script.append(format("""
                set terminal pngcairo size %d,420 font "sans,10"
                set output "%s"
                set multiplot layout 1,%d title "clariBI authentication cost, %s, %d cores shared with wrk"
                set style data histograms
                set style fill solid 0.8 border -1
                set boxwidth 0.8
                set grid ytics
                set yrange [0:*]
                set xtics rotate by -30
                set title "Throughput (req/s, median of %d rounds)"
                unset key
                plot "%s" using 2:xtic(1) lc rgb "#3465a4"
                set title "Latency at -c%d (ms)"
                set key top left
                plot "%s" using 3:xtic(1) title "p50" lc rgb "#73d216", "" using 4 title "p99" lc rgb "#cc0000"
                set title "Authenticated latency vs login flood (ms, -c%d)"
                plot "%s" using 2:xtic(1) title "p50" lc rgb "#73d216", "" using 3 title "p99" lc rgb "#cc0000"
                """, kc == null ? 1200 : 1600, png, kc == null ? 3 : 4, report.date(), report.cores(),
                run.options.rounds(), chart, BenchRun.WRK_CONNECTIONS, chart, BenchRun.LATENCY_CONNECTIONS, flood));
        if (kc != null) {
            Map<String, double[]> rows = new java.util.LinkedHashMap<>();
            rows.put("unauthenticated", new double[] {
                Report.median(run.rounds.get("health"), Wrk.Result::rps),
                Report.median(kc.rounds().get("kc_wellknown"), Wrk.Result::rps)
            });
            rows.put("authenticated", new double[] {
                Report.median(run.rounds.get("jwt_status"), Wrk.Result::rps),
                Report.median(kc.rounds().get("kc_userinfo"), Wrk.Result::rps)
            });
            rows.put("refresh", new double[] {run.refresh.rps(), kc.refresh().rps()});
            rows.put("login", new double[] {run.login.rps(), kc.login().rps()});
            Wrk.write(peer, rows.entrySet().stream()
                    .map(e -> format("\"%s\" %.1f %.1f", e.getKey(), e.getValue()[0], e.getValue()[1]))
                    .collect(Collectors.joining("\n", "", "\n")));
            script.append(format("""
                    set title "clariBI beside Keycloak %s (req/s, log scale)"
                    set logscale y
                    set yrange [1:*]
                    set key top right
                    plot "%s" using 2:xtic(1) title "clariBI" lc rgb "#3465a4", \
                      "" using 3 title "Keycloak" lc rgb "#f57900"
                    """, Keycloak.VERSION, peer));
        }
        script.append("unset multiplot\n");
        Cmd.run(run.root, Map.of(), script.toString(), List.of("gnuplot"));
    }
}
