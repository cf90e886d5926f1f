package com.claribi.identity;

import com.claribi.platform.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Password-reset links ({@code /reset-password?token=...}, valid 30 minutes): the token is 32 random bytes, of which
 * only the SHA-256 is stored; a link is found again by its token while it is neither spent nor expired.
 */
@Component
class ResetLinks {

    static final Duration VALIDITY = Duration.ofMinutes(30);
    private static final String PAGE = "/reset-password?token=";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PasswordResetTokens tokens;
    private final Clock clock;
    private final String publicUrl;

    ResetLinks(PasswordResetTokens tokens, Clock clock, IdentityProperties properties) {
        this.tokens = tokens;
        this.clock = clock;
        String url = properties.publicUrl();
        this.publicUrl = url == null ? "" : stripTrailingSlash(url.trim());
    }

    /**
     * A new link for {@code user}, made by the administrator {@code createdBy} (null when emailed), on
     * {@code CLARIBI_PUBLIC_URL}, or on {@code origin} (a request's own scheme and host) when that is not set.
     */
    PasswordResets.ResetLink create(User user, @Nullable Long createdBy, @Nullable String origin) {
        String base = publicUrl.isEmpty() && origin != null ? stripTrailingSlash(origin) : publicUrl;
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Timestamps.now(clock);
        Instant expiresAt = now.plus(VALIDITY);
        tokens.insert(user.id(), hash(token), now, expiresAt, createdBy);
        return new PasswordResets.ResetLink(base + PAGE + token, expiresAt);
    }

    /** The link of {@code token}, if it is neither spent nor expired. */
    Optional<PasswordResetTokens.Usable> findUsable(String token) {
        return tokens.findUsable(hash(token), Timestamps.now(clock));
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
