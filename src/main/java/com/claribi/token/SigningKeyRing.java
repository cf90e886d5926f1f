package com.claribi.token;

import com.claribi.platform.MasterKey;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The Ed25519 keys that sign and verify tokens, loaded from the database and refreshed every few seconds, so that a
 * key rotated by one process (or by {@code bin/claribi keys rotate}) is used and published by all of them. A retired
 * key stays published until every token it signed has expired.
 */
@Component
class SigningKeyRing {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyRing.class);
    static final String ALGORITHM = JWSAlgorithm.EdDSA.getName();

    private record Loaded(
            String currentKid, Ed25519Signer signer, Map<String, Ed25519Verifier> verifiers, JWKSet published) {}

    private final SigningKeys keys;
    private final MasterKey masterKey;
    private final TokenProperties properties;
    private final Clock clock;
    private final AtomicLong lastReload = new AtomicLong();
    private volatile @Nullable Loaded loaded;

    SigningKeyRing(SigningKeys keys, MasterKey masterKey, TokenProperties properties, Clock clock) {
        this.keys = keys;
        this.masterKey = masterKey;
        this.properties = properties;
        this.clock = clock;
    }

    String currentKid() {
        return state().currentKid();
    }

    Ed25519Signer signer() {
        return state().signer();
    }

    /** The verifier for {@code kid}; an unknown kid reloads the keys at most once a second before it is refused. */
    @Nullable
    Ed25519Verifier verifier(String kid) {
        Ed25519Verifier verifier = state().verifiers().get(kid);
        if (verifier == null) {
            long now = System.nanoTime();
            long last = lastReload.get();
            if (now - last > 1_000_000_000L && lastReload.compareAndSet(last, now)) {
                try {
                    reload();
                } catch (RuntimeException e) {
                    log.warn("Cannot reload the signing keys for an unknown kid: {}", e.getMessage());
                }
                verifier = state().verifiers().get(kid);
            }
        }
        return verifier;
    }

    JWKSet publicKeys() {
        return state().published();
    }

    private Loaded state() {
        Loaded current = loaded;
        if (current == null) {
            reload();
            current = Objects.requireNonNull(loaded, "no signing key");
        }
        return current;
    }

    /** Creates a new signing key and retires the others; their tokens keep verifying until they expire. */
    @Transactional
    String rotate() {
        String kid = create();
        keys.retireAllExcept(kid, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        return kid;
    }

    private String create() {
        try {
            String kid = UUID.randomUUID().toString();
            OctetKeyPair pair = new OctetKeyPairGenerator(Curve.Ed25519)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.EdDSA)
                    .generate();
            keys.insert(new SigningKeys.StoredKey(
                    kid,
                    ALGORITHM,
                    pair.toPublicJWK().toJSONString(),
                    masterKey.encrypt(purpose(kid), pair.toJSONString().getBytes(StandardCharsets.UTF_8)),
                    clock.instant().truncatedTo(ChronoUnit.SECONDS),
                    null));
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an Ed25519 key", e);
        }
    }

    /**
     * Signs with a key rotated in this process as soon as its transaction commits, rather than at the next scheduled
     * reload; other processes still pick it up by reloading.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(SigningKeyRotated rotated) {
        reload();
    }

    @Scheduled(fixedDelayString = "${claribi.signing-keys.reload-interval:PT5S}")
    void scheduledReload() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("Cannot reload the signing keys, keeping the ones loaded: {}", e.getMessage());
        }
    }

    synchronized void reload() {
        List<SigningKeys.StoredKey> stored = keys.all();
        if (stored.stream().noneMatch(k -> k.retiredAt() == null)) {
            create();
            stored = keys.all();
        }
        // Plus a margin: another process may sign with a retired key until its next reload.
        Instant publishedSince =
                clock.instant().minus(properties.longestTokenLifetime()).minus(Duration.ofMinutes(1));
        SigningKeys.StoredKey current = stored.stream()
                .filter(k -> k.retiredAt() == null)
                .reduce((a, b) -> b) // the newest: rows come oldest first
                .orElseThrow();
        Map<String, Ed25519Verifier> verifiers = new HashMap<>();
        List<OctetKeyPair> published = new java.util.ArrayList<>();
        try {
            for (SigningKeys.StoredKey key : stored) {
                if (key.retiredAt() != null && key.retiredAt().isBefore(publishedSince)) {
                    continue;
                }
                OctetKeyPair publicKey = OctetKeyPair.parse(key.publicJwk());
                verifiers.put(key.kid(), new Ed25519Verifier(publicKey));
                published.add(publicKey);
            }
            OctetKeyPair privateKey = OctetKeyPair.parse(new String(
                    masterKey.decrypt(purpose(current.kid()), current.encryptedPrivateKey()), StandardCharsets.UTF_8));
            loaded = new Loaded(
                    current.kid(),
                    new Ed25519Signer(privateKey),
                    Map.copyOf(verifiers),
                    new JWKSet(List.copyOf(published).stream()
                            .map(k -> (com.nimbusds.jose.jwk.JWK) k)
                            .toList()));
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("A stored signing key cannot be read", e);
        }
    }

    private static String purpose(String kid) {
        return "signing-key:" + kid;
    }
}
