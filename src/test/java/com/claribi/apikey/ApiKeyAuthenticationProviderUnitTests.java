package com.claribi.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.claribi.platform.ApiAuthenticationToken;
import com.claribi.platform.CredentialRejected;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;

/**
 * Each way {@link ApiKeyAuthenticationProvider} refuses a key, without a database: the keys it finds are held in a map.
 * Every refusal is {@code invalid_api_key} to the client and names its reason in the audit event.
 */
class ApiKeyAuthenticationProviderUnitTests {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final Map<String, ApiKeys.Found> stored = new HashMap<>();
    private final List<Object> events = new ArrayList<>();
    private final ApiKeyAuthenticationProvider provider = new ApiKeyAuthenticationProvider(
            new ApiKeys(null) {
                @Override
                Optional<Found> findByHash(String secretHash) {
                    return Optional.ofNullable(stored.get(secretHash));
                }
            },
            Clock.fixed(NOW, ZoneOffset.UTC),
            events::add,
            null);

    @Test
    void authenticateWhenKeyValidThenPrincipalOfItsCreatorAndScope() {
        String secret = store(null, null, true);

        Authentication authentication = provider.authenticate(token(secret));

        var principal = ((ApiAuthenticationToken) authentication).getPrincipal();
        assertThat(principal.userId()).isEqualTo(7);
        assertThat(principal.organizationId()).isEqualTo(3);
        assertThat(principal.apiKeyId()).isEqualTo(42);
        assertThat(principal.viaApiKey()).isTrue();
        assertThat(events).isEmpty();
    }

    @Test
    void authenticateWhenKeyMalformedThenRejected() {
        String secret = ApiKeySecret.generate();
        String wrongChecksum = secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A");

        assertRejected(wrongChecksum, "malformed");
    }

    @Test
    void authenticateWhenNotAnApiKeyThenRejected() {
        assertRejected("not a key at all", "malformed");
    }

    @Test
    void authenticateWhenKeyUnknownThenRejected() {
        assertRejected(ApiKeySecret.generate(), "unknown");
    }

    @Test
    void authenticateWhenKeyRevokedThenRejected() {
        assertRejected(store(null, NOW.minusSeconds(1), true), "revoked");
    }

    @Test
    void authenticateWhenRotatedKeyInItsGracePeriodThenAccepted() {
        // A rotated key's revoked_at lies ahead while its grace period runs.
        assertThat(provider.authenticate(token(store(null, NOW.plusSeconds(60), true))))
                .isInstanceOf(ApiAuthenticationToken.class);
    }

    @Test
    void authenticateWhenRotatedKeyGracePeriodOverThenRejected() {
        assertRejected(store(null, NOW, true), "revoked");
    }

    @Test
    void authenticateWhenKeyExpiredThenRejected() {
        assertRejected(store(NOW, null, true), "expired");
    }

    @Test
    void authenticateWhenCreatorDeactivatedThenRejected() {
        assertRejected(store(null, null, false), "creator_deactivated");
    }

    @Test
    void authenticateWhenServiceAccountDeactivatedThenRejected() {
        assertRejected(store(null, null, false, true), "service_account_deactivated");
    }

    @Test
    void authenticateWhenServiceAccountActiveThenAccepted() {
        assertThat(provider.authenticate(token(store(null, null, true, true)))).isNotNull();
    }

    @Test
    void authenticateWhenKeyRevokedAfterItWasCachedThenRejectedOnceChangedHere() {
        String secret = store(null, null, true);
        provider.authenticate(token(secret));
        ApiKeys.Found found = stored.get(ApiKeySecret.hash(secret));
        stored.put(ApiKeySecret.hash(secret), new ApiKeys.Found(revoked(found.key()), true, false));

        assertThat(provider.authenticate(token(secret)))
                .as("still cached: no query per use")
                .isInstanceOf(ApiAuthenticationToken.class);
        provider.changedHere(ApiKeySecret.hash(secret));
        assertRejected(secret, "revoked");
    }

    @Test
    void authenticateWhenKeyCreatedAfterItWasRefusedAsUnknownThenAcceptedOnceChangedHere() {
        String secret = ApiKeySecret.generate();
        assertRejected(secret, "unknown");
        stored.put(ApiKeySecret.hash(secret), new ApiKeys.Found(key(secret, null, null), true, false));

        provider.changedHere(ApiKeySecret.hash(secret));

        assertThat(provider.authenticate(token(secret))).isInstanceOf(ApiAuthenticationToken.class);
    }

    private void assertRejected(String secret, String reason) {
        events.clear();
        assertThatThrownBy(() -> provider.authenticate(token(secret)))
                .isInstanceOfSatisfying(
                        CredentialRejected.class,
                        rejected -> assertThat(rejected.error().code()).isEqualTo("invalid_api_key"));
        assertThat(events).singleElement().isInstanceOfSatisfying(ApiKeyRefused.class, event -> {
            assertThat(event.type()).isEqualTo("api_key_refused");
            assertThat(event.detail()).startsWith(reason);
        });
    }

    /** The credential as the converter hands it over; the only line that names the token class. */
    private static Authentication token(String secret) {
        return new ApiKeyAuthenticationToken(secret);
    }

    /** Stores a new key and returns its secret. */
    private String store(@Nullable Instant expiresAt, @Nullable Instant revokedAt, boolean creatorActive) {
        return store(expiresAt, revokedAt, creatorActive, false);
    }

    /** Stores a new key of a user, or of a service account, and returns its secret. */
    private String store(
            @Nullable Instant expiresAt, @Nullable Instant revokedAt, boolean ownerActive, boolean serviceAccount) {
        String secret = ApiKeySecret.generate();
        stored.put(
                ApiKeySecret.hash(secret),
                new ApiKeys.Found(key(secret, expiresAt, revokedAt), ownerActive, serviceAccount));
        return secret;
    }

    private static ApiKey key(String secret, @Nullable Instant expiresAt, @Nullable Instant revokedAt) {
        return new ApiKey(
                42,
                7,
                3,
                "reporting",
                ApiKeySecret.displayPrefix(secret),
                ApiKeySecret.hash(secret),
                Scope.READ_ONLY,
                NOW.minusSeconds(3600),
                expiresAt,
                null,
                revokedAt,
                null);
    }

    private static ApiKey revoked(ApiKey key) {
        return new ApiKey(
                key.id(),
                key.userId(),
                key.organizationId(),
                key.name(),
                key.prefix(),
                key.secretHash(),
                key.scope(),
                key.createdAt(),
                key.expiresAt(),
                key.lastUsedAt(),
                NOW.minusSeconds(1),
                key.rotatedFrom());
    }
}
