package com.claribi.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A user and their organization as the requests that only read them need them (the role checks, {@code
 * /api/auth/status/}, {@code /api/organization/}): from a cache that holds each for at most a second, so a busy client
 * costs one database read a second instead of two per request. Changes made in this process (a role, a name, a
 * deactivation, a rename) evict at once; changes made by another process sharing the database are seen within a
 * second, as revocations are. Anything that writes, or checks a password, reads the database itself.
 */
@Component
public class Members {

    static final Duration FRESHNESS = Duration.ofSeconds(1);

    /** A user of an organization, read together. */
    public record Member(User user, Organization organization) {}

    private final Users users;
    private final Organizations organizations;
    private final Cache<Long, Optional<Member>> cache = Caffeine.newBuilder()
            .expireAfterWrite(FRESHNESS)
            .maximumSize(100_000)
            .build();

    Members(Users users, Organizations organizations) {
        this.users = users;
        this.organizations = organizations;
    }

    /** The user and their organization, whether or not the user is active; empty when either no longer exists. */
    public Optional<Member> of(long userId) {
        return cache.get(userId, this::load);
    }

    void evict(long userId) {
        cache.invalidate(userId);
    }

    /** After a change that concerns every user of an organization (a rename); rare enough to drop everything. */
    void evictAll() {
        cache.invalidateAll();
    }

    private Optional<Member> load(long userId) {
        return users.findById(userId)
                .flatMap(user -> organizations.findById(user.organizationId()).map(org -> new Member(user, org)));
    }
}
