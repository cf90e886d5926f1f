package com.claribi.apikey;

import com.claribi.platform.ApiAuthenticationToken;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ChangeWatermark;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CredentialRejected;
import com.claribi.platform.HttpsPolicy;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Authenticates an API key. A malformed key or a bad checksum is refused without the database; a cold key costs one
 * indexed lookup by the SHA-256 of its secret; a warm key costs none; a well-formed key that does not exist costs one
 * lookup per {@link #UNKNOWN_FOR} at most. Keys changed by any process (revoked, rotated,
 * their creator or their service account deactivated) are dropped from the cache by polling {@code api_keys.changed_at} several times a second,
 * so every process refuses a revoked key within a second.
 */
@Component
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationProvider.class);
    /** Re-reads a window behind the newest change seen, for transactions that committed late. */
    static final Duration LOOK_BACK = Duration.ofSeconds(30);
    /** How long a well-formed key found nowhere is remembered as unknown. */
    static final Duration UNKNOWN_FOR = Duration.ofMinutes(5);

    private record Known(
            ApiKey key, boolean ownerActive, boolean ownerIsServiceAccount, ApiAuthenticationToken authentication) {}

    private final ApiKeys keys;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final HttpsPolicy https;
    private final Cache<String, Known> known = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();
    /**
     * Hashes of well-formed keys that do not exist, so that a key repeated costs one lookup per few minutes at most
     * (floods of distinct made-up keys are stopped earlier, by the per-address budget of bad credentials).
     *
     * <p>A remembered miss can never refuse a key created later, in this process or another. A secret has 190 random
     * bits ({@link ApiKeySecret}): nobody presents it, and so nobody makes its hash a cached miss, before the key is
     * created and its secret shown to its owner, unless by guessing 190 bits. And even then creation sets the key's
     * {@code changed_at}, which every process polls ({@link #pollChanges}) and which drops the hash from this cache as
     * from {@link #known}, within a second; the creating process drops it at once ({@link #changedHere}).
     */
    private final Cache<String, Boolean> unknown;
    /** At most one audit event per key prefix and address a minute: a script stuck on a bad key is one line. */
    private final Cache<String, Boolean> recentlyAudited = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    private final ChangeWatermark<ApiKeys.Change> changes;
    private final Duration lookBack;

    @Autowired
    ApiKeyAuthenticationProvider(
            ApiKeys keys,
            Clock clock,
            ApplicationEventPublisher events,
            HttpsPolicy https,
            ApiKeyProperties properties) {
        this(keys, clock, events, https, Ticker.systemTicker(), properties.lookBack());
    }

    ApiKeyAuthenticationProvider(ApiKeys keys, Clock clock, ApplicationEventPublisher events, HttpsPolicy https) {
        this(keys, clock, events, https, Ticker.systemTicker(), LOOK_BACK);
    }

    /**
     * With the time the negative cache expires by ({@code ticker}: nanoseconds, as {@link System#nanoTime}) and the
     * look-back window of the poll of changes.
     */
    ApiKeyAuthenticationProvider(
            ApiKeys keys,
            Clock clock,
            ApplicationEventPublisher events,
            HttpsPolicy https,
            Ticker ticker,
            Duration lookBack) {
        this.unknown = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(UNKNOWN_FOR)
                .ticker(ticker)
                .build();
        this.https = https;
        this.keys = keys;
        this.clock = clock;
        this.events = events;
        this.lookBack = lookBack;
        this.changes = new ChangeWatermark<>(lookBack, keys::changedSince, ApiKeys.Change::changedAt);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String secret = ((ApiKeyAuthenticationToken) authentication).secret();
        if (!ApiKeySecret.wellFormed(secret)) {
            throw refused(null, "malformed", "This is not a clariBI API key (wrong format or checksum).");
        }
        String hash = ApiKeySecret.hash(secret);
        Known entry = known.getIfPresent(hash);
        if (entry == null) {
            entry = load(hash).orElseThrow(() -> refused(null, "unknown", "No such API key."));
        }
        ApiKey key = entry.key();
        Instant now = clock.instant();
        if (key.revokedAt(now)) {
            throw refused(key, "revoked", "This API key has been revoked.");
        }
        if (key.expiredAt(now)) {
            throw refused(key, "expired", "This API key has expired.");
        }
        if (!entry.ownerActive()) {
            throw entry.ownerIsServiceAccount()
                    ? refused(key, "service_account_deactivated", "The service account of this API key is deactivated.")
                    : refused(key, "creator_deactivated", "The user who created this API key is deactivated.");
        }
        return entry.authentication();
    }

    private Optional<Known> load(String hash) {
        if (unknown.getIfPresent(hash) != null) {
            return Optional.empty();
        }
        Optional<Known> found = keys.findByHash(hash)
                .filter(f -> java.security.MessageDigest.isEqual(
                        f.key().secretHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .map(f -> new Known(
                        f.key(),
                        f.ownerActive(),
                        f.ownerIsServiceAccount(),
                        new ApiAuthenticationToken(
                                new ApiPrincipal(
                                        f.key().userId(),
                                        f.key().organizationId(),
                                        null,
                                        f.key().id(),
                                        f.key().scope() == Scope.READ_ONLY),
                                f.key().prefix())));
        found.ifPresentOrElse(k -> known.put(hash, k), () -> unknown.put(hash, Boolean.TRUE));
        return found;
    }

    private CredentialRejected refused(@Nullable ApiKey key, String reason, String detail) {
        ClientInfo client = currentClient();
        String prefix = key == null ? "unknown key" : key.prefix();
        String address = client == null ? "" : client.address();
        if (recentlyAudited.asMap().putIfAbsent(prefix + "|" + reason + "|" + address, Boolean.TRUE) == null) {
            events.publishEvent(ApiKeyRefused.of(reason, key, client));
        }
        return new CredentialRejected(ApiException.invalidApiKey(detail));
    }

    private @Nullable ClientInfo currentClient() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return ClientInfo.of(attributes.getRequest(), https);
        }
        return null;
    }

    /** Drops every key changed since the last poll, by any process, so its next use reads the database. */
    @Scheduled(fixedRateString = "${claribi.api-keys.poll-interval:PT0.25S}")
    void pollChanges() {
        try {
            changes.poll(() -> keys.databaseNow().minus(lookBack), change -> changedHere(change.secretHash()));
        } catch (RuntimeException e) {
            log.debug("Cannot poll API key changes: {}", e.getMessage());
        }
    }

    /** Forgets a key changed in this process at once, before any poll. */
    void changedHere(String hash) {
        known.invalidate(hash);
        unknown.invalidate(hash);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
