package com.claribi.ratelimit;

import com.claribi.bench.BenchServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One request budget check in process (Bucket4j's lock-free local bucket in a Caffeine cache), on one warm key, with a
 * budget that never runs out, so the admitted path is measured; and on a spent budget, the refused path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BudgetBenchmark {

    private BenchServer server;
    private Budget plenty;
    private Budget spent;

    @Setup(Level.Trial)
    public void start() {
        server = new BenchServer();
        Budgets budgets = server.bean(Budgets.class);
        plenty = budgets.budget("jmh-plenty", 1_000_000_000_000L, Duration.ofDays(1));
        spent = budgets.budget("jmh-spent", 1, Duration.ofDays(1));
        spent.take("user:1");
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }

    @Benchmark
    public Admission admitted() {
        return plenty.take("user:1");
    }

    @Benchmark
    public Admission refused() {
        return spent.take("user:1");
    }
}
