package com.claribi.apikey;

import com.claribi.bench.BenchServer;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
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
import org.springframework.security.core.Authentication;

/**
 * API key checks as the server does them: warm (format, checksum, SHA-256, cache hit) and cold (the same, then the
 * cache miss and the indexed query, here on the embedded H2 database; bench/run measures PostgreSQL at scale).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApiKeyBenchmark {

    private BenchServer server;
    private ApiKeyAuthenticationProvider provider;
    private ApiKeyAuthenticationToken token;
    private String hash;

    @Setup(Level.Trial)
    public void start() {
        server = new BenchServer();
        long[] admin = server.admin();
        String secret = server.bean(ApiKeyManagement.class)
                .create(
                        ApiPrincipal.session(admin[0], admin[1], "jmh", java.time.Instant.now()),
                        "jmh",
                        "read_only",
                        null,
                        ClientInfo.COMMAND_LINE)
                .key();
        provider = server.bean(ApiKeyAuthenticationProvider.class);
        token = new ApiKeyAuthenticationToken(secret);
        hash = ApiKeySecret.hash(secret);
        provider.authenticate(token);
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }

    @Benchmark
    public Authentication warmCacheHit() {
        return provider.authenticate(token);
    }

    @Benchmark
    public Authentication coldCacheMissAndQuery() {
        provider.changedHere(hash);
        return provider.authenticate(token);
    }
}
