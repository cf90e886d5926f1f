package com.claribi.apikey;

import com.claribi.identity.ServiceAccountDeactivated;
import com.claribi.identity.UserDeactivated;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.Fields;
import com.claribi.platform.ObjectIds;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.platform.SudoMode;
import com.claribi.platform.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, rotates and revokes a user's keys. Only a signed-in session may: never a key itself. The same rules
 * serve the keys of service accounts ({@link ApiKeyAdministration}).
 */
@Service
public class ApiKeyManagement {

    static final int MAX_NAME = 100;
    static final int MAX_USABLE_KEYS = 100;
    static final long MAX_GRACE_SECONDS = 604_800;
    static final Duration ROTATION_DUE_AFTER = Duration.ofDays(90);
    /** A new key's lifetime when the client does not say: a forgotten key stops working on its own. */
    static final Duration DEFAULT_EXPIRY = Duration.ofDays(90);

    private final ApiKeys keys;
    private final ApiKeyAuthenticationProvider authentication;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SudoMode sudo;

    ApiKeyManagement(
            ApiKeys keys,
            ApiKeyAuthenticationProvider authentication,
            ApplicationEventPublisher events,
            Clock clock,
            SudoMode sudo) {
        this.keys = keys;
        this.authentication = authentication;
        this.events = events;
        this.clock = clock;
        this.sudo = sudo;
    }

    /** A key as the API shows it; {@code key} (the secret) only in the answer that creates it. */
    @Schema(name = "ApiKey")
    public record KeyView(
            long id,
            String name,
            String prefix,
            String scope,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt,
            boolean rotationDue,
            @Nullable Long rotatedFrom,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            @Nullable
            String key) {}

    /**
     * What a new key's {@code expires_at} asked for: left out, the default of {@link #DEFAULT_EXPIRY} after creation;
     * {@code null}, no expiry (an explicit choice, as GitHub makes it); or the time the client sent.
     */
    public record RequestedExpiry(boolean never, @Nullable String at) {

        public static final RequestedExpiry DEFAULT = new RequestedExpiry(false, null);
        public static final RequestedExpiry NEVER = new RequestedExpiry(true, null);

        public static RequestedExpiry at(String text) {
            return new RequestedExpiry(false, text);
        }
    }

    @Transactional
    public KeyView create(
            ApiPrincipal principal,
            @Nullable String name,
            @Nullable String scope,
            RequestedExpiry expiresAt,
            ClientInfo client) {
        // A key outlives the session that made it: minting one needs a fresh password proof.
        sudo.require(principal);
        return create(
                principal.userId(), principal.organizationId(), principal.userId(), name, scope, expiresAt, client);
    }

    /**
     * Creates a key owned by {@code ownerId} (the caller, or a service account of the organization) once the caller
     * ({@code actorId}) has been allowed to, in sudo mode.
     */
    KeyView create(
            long ownerId,
            long organizationId,
            long actorId,
            @Nullable String name,
            @Nullable String scope,
            RequestedExpiry expiresAt,
            ClientInfo client) {
        Instant now = Timestamps.now(clock);
        Fields problems = new Fields().require("name", name).require("scope", scope);
        if (name != null && name.trim().length() > MAX_NAME) {
            problems.add("name", "At most " + MAX_NAME + " characters.");
        }
        Scope parsed = Scope.parse(scope);
        if (scope != null && !scope.isBlank() && parsed == null) {
            problems.add("scope", "Must be read_only or read_write.");
        }
        Instant expiry = expiresAt.never() ? null : now.plus(DEFAULT_EXPIRY);
        if (expiresAt.at() != null) {
            try {
                expiry = Instant.parse(expiresAt.at().trim()).truncatedTo(ChronoUnit.SECONDS);
                if (!expiry.isAfter(now)) {
                    problems.add("expires_at", "Must be in the future.");
                }
            } catch (DateTimeParseException e) {
                problems.add("expires_at", "Must be an ISO-8601 UTC time such as 2026-12-31T23:59:59Z.");
            }
        }
        problems.throwIfAny();
        if (keys.countUsableOfUser(ownerId, now) >= MAX_USABLE_KEYS) {
            throw ApiException.validation(
                    "name",
                    ownerId == actorId
                            ? "You have " + MAX_USABLE_KEYS + " usable keys already; revoke one you no longer need."
                            : "This service account has " + MAX_USABLE_KEYS
                                    + " usable keys already; revoke one it no longer needs.");
        }
        return issue(ownerId, organizationId, actorId, name.trim(), parsed, now, expiry, null, client);
    }

    /**
     * Stores a new key created at {@code now}: the same instant its caller read for the default expiry and the checks,
     * so that a key without {@code expires_at} lives exactly {@link #DEFAULT_EXPIRY} from its {@code created_at}.
     */
    private KeyView issue(
            long ownerId,
            long organizationId,
            long actorId,
            String name,
            Scope scope,
            Instant now,
            @Nullable Instant expiry,
            @Nullable Long rotatedFrom,
            ClientInfo client) {
        String secret = ApiKeySecret.generate();
        String hash = ApiKeySecret.hash(secret);
        ApiKey key = keys.insert(
                ownerId,
                organizationId,
                name,
                ApiKeySecret.displayPrefix(secret),
                hash,
                scope,
                now,
                expiry,
                rotatedFrom);
        authentication.changedHere(hash);
        events.publishEvent(
                rotatedFrom == null
                        ? new ApiKeyCreated(
                                key.id(), key.organizationId(), actorId, ownerId, key.prefix(), scope.value, client)
                        : new ApiKeyRotated(
                                key.id(),
                                key.organizationId(),
                                actorId,
                                ownerId,
                                key.prefix(),
                                scope.value,
                                rotatedFrom,
                                client));
        return view(key, secret);
    }

    /** A page of the keys of one owner: the caller, or a service account. */
    Page<KeyView> listOf(long ownerId, PageRequest page, PageLinks links) {
        return Page.of(
                page,
                keys.countOfUser(ownerId),
                keys.pageOfUser(ownerId, page.offset(), page.size()).stream()
                        .map(key -> view(key, null))
                        .toList(),
                links);
    }

    /** Revokes the key now, unless it already stopped; {@code actorId} is who did it (the owner, or an administrator). */
    void revoke(ApiKey key, long actorId, ClientInfo client) {
        if (keys.revoke(key.id(), Timestamps.now(clock))) {
            authentication.changedHere(key.secretHash());
            events.publishEvent(
                    new ApiKeyRevoked(key.id(), key.organizationId(), actorId, key.userId(), key.prefix(), client));
        }
    }

    /** Replaces {@code old} with a new key of the same owner, name, scope and expiry, once the caller may. */
    KeyView rotate(ApiKey old, long actorId, @Nullable Long gracePeriodSeconds, ClientInfo client) {
        long grace = gracePeriodSeconds == null ? 0 : gracePeriodSeconds;
        if (grace < 0 || grace > MAX_GRACE_SECONDS) {
            throw ApiException.validation(
                    "grace_period_seconds", "Must be between 0 and " + MAX_GRACE_SECONDS + " (7 days).");
        }
        Instant now = Timestamps.now(clock);
        String replaced = "This key is revoked or already rotated; create a new key instead.";
        if (old.revokedAt() != null) {
            throw ApiException.conflict(replaced);
        }
        if (old.expiredAt(now)) {
            throw ApiException.conflict("This key has expired; create a new key instead.");
        }
        // Read before this transaction locked the row: another rotation or revocation may have come in between.
        if (!keys.retire(old.id(), now.plusSeconds(grace))) {
            throw ApiException.conflict(replaced);
        }
        authentication.changedHere(old.secretHash());
        return issue(
                old.userId(),
                old.organizationId(),
                actorId,
                old.name(),
                old.scope(),
                now,
                old.expiresAt(),
                old.id(),
                client);
    }

    public Page<KeyView> list(ApiPrincipal principal, PageRequest page, PageLinks links) {
        principal.requireSession();
        return listOf(principal.userId(), page, links);
    }

    public KeyView get(ApiPrincipal principal, long id) {
        principal.requireSession();
        return view(find(principal, id), null);
    }

    @Transactional
    public KeyView revoke(ApiPrincipal principal, long id, ClientInfo client) {
        principal.requireSession();
        revoke(find(principal, id), principal.userId(), client);
        return view(find(principal, id), null);
    }

    /** A new secret with the same name, scope and expiry; the old one works until the grace period ends. */
    @Transactional
    public KeyView rotate(ApiPrincipal principal, long id, @Nullable Long gracePeriodSeconds, ClientInfo client) {
        sudo.require(principal);
        return rotate(find(principal, id), principal.userId(), gracePeriodSeconds, client);
    }

    /** A deactivated user's keys stop working at once, in every process. */
    @EventListener
    void on(UserDeactivated deactivated) {
        revokeAllOf(deactivated.userId());
    }

    /** A deactivated service account's keys stop working at once, in every process. */
    @EventListener
    void on(ServiceAccountDeactivated deactivated) {
        revokeAllOf(deactivated.serviceAccountId());
    }

    private void revokeAllOf(long ownerId) {
        keys.revokeAllOfUser(ownerId, Timestamps.now(clock));
        keys.hashesOfUser(ownerId).forEach(authentication::changedHere);
    }

    private ApiKey find(ApiPrincipal principal, long id) {
        return find(keys, principal, id);
    }

    /** One of the caller's own keys; another user's is not found, like a missing one. */
    static ApiKey find(ApiKeys keys, ApiPrincipal principal, long id) {
        return keys.findOfUser(id, principal.userId())
                .orElseThrow(() -> ApiException.notFound("No API key with id " + id + "."));
    }

    /** A service account's key by the id in a path; another owner's is not found, like a missing one. */
    ApiKey keyOf(long ownerId, String keyId) {
        long id = ObjectIds.parse(keyId, "API key");
        return keys.findOfUser(id, ownerId).orElseThrow(() -> ObjectIds.notFound("API key", id));
    }

    KeyView view(ApiKey key, @Nullable String secret) {
        return new KeyView(
                key.id(),
                key.name(),
                key.prefix(),
                key.scope().value,
                key.createdAt(),
                key.expiresAt(),
                key.lastUsedAt(),
                key.revokedAt(),
                key.createdAt().plus(ROTATION_DUE_AFTER).isBefore(clock.instant()),
                key.rotatedFrom(),
                secret);
    }
}
