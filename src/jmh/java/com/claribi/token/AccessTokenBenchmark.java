package com.claribi.token;

import com.claribi.bench.BenchServer;
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
 * Access token verification as the server does it: cold (parse, EdDSA signature, claims: what a token costs the first
 * time a process sees it) and warm (the provider's cache of verified tokens: expiry and revocation checks only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccessTokenBenchmark {

    private BenchServer server;
    private TokenVerifier verifier;
    private AccessTokenAuthenticationProvider provider;
    private String token;
    private AccessTokenAuthenticationToken bearer;

    @Setup(Level.Trial)
    public void start() {
        server = new BenchServer();
        long[] admin = server.admin();
        token = server.bean(TokenIssuer.class).access(admin[0], admin[1], TokenIssuer.randomId(), java.time.Instant.now());
        verifier = server.bean(TokenVerifier.class);
        provider = server.bean(AccessTokenAuthenticationProvider.class);
        bearer = new AccessTokenAuthenticationToken(token);
        provider.authenticate(bearer);
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }

    @Benchmark
    public TokenClaims coldSignatureVerify() {
        return verifier.verify(token, TokenType.ACCESS);
    }

    @Benchmark
    public Authentication warmCacheHit() {
        return provider.authenticate(bearer);
    }
}
