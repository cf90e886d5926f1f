package com.claribi.identity;

import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.ObjectIds;
import com.claribi.platform.SudoMode;
import com.claribi.platform.Timestamps;
import com.claribi.ratelimit.PasswordResetThrottle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Password reset through a single-use link ({@code /reset-password?token=...}, valid 30 minutes): emailed to a known
 * active user who asks for it, or made by an administrator to hand over. The token is 32 random bytes; only its
 * SHA-256 is stored, and it is spent on use. A request is answered the same way, at once, whatever the email: the
 * lookup, the per-account budget and the email happen after the answer, so neither the answer nor its timing says
 * whether an account exists. The reset ends every session of the user; two-factor authentication stays on.
 */
@Service
public class PasswordResets {

    static final Duration VALIDITY = Duration.ofMinutes(30);
    private static final String PAGE = "/reset-password?token=";
    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A link to hand over, and when it stops working. */
    public record ResetLink(String url, Instant expiresAt) {}

    private final Users users;
    private final PasswordResetTokens tokens;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final PasswordResetThrottle throttle;
    private final Membership membership;
    private final Roles roles;
    private final SudoMode sudo;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ResetMail mail;
    private final String publicUrl;
    /** The lookup and email of a request, after its answer; database work after hashing. */
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    PasswordResets(
            Users users,
            PasswordResetTokens tokens,
            PasswordPolicy policy,
            PasswordHashing hashing,
            PasswordResetThrottle throttle,
            Membership membership,
            Roles roles,
            SudoMode sudo,
            ApplicationEventPublisher events,
            Clock clock,
            IdentityProperties properties) {
        this.users = users;
        this.tokens = tokens;
        this.policy = policy;
        this.hashing = hashing;
        this.throttle = throttle;
        this.membership = membership;
        this.roles = roles;
        this.sudo = sudo;
        this.events = events;
        this.clock = clock;
        this.mail = new ResetMail(properties.mail(), properties.publicUrl());
        String url = properties.publicUrl();
        this.publicUrl = url == null ? "" : stripTrailingSlash(url.trim());
    }

    /**
     * Asks for a reset email for {@code email}: refused with 429 only when this address asked too often (whatever the
     * email); otherwise accepted, and the email goes out after the answer if the account exists, is active, mail is
     * configured and the account's own budget allows it.
     */
    public void request(String email, ClientInfo client) {
        throttle.admitAddress(client.address());
        background.execute(() -> {
            try {
                emailLink(email, client);
            } catch (RuntimeException e) {
                log.warn("A password-reset email could not be sent: {}", e.toString());
            }
        });
    }

    private void emailLink(String email, ClientInfo client) {
        if (!mail.configured()) {
            return;
        }
        Optional<User> found = users.findByEmail(email).filter(User::active);
        if (found.isEmpty()) {
            return;
        }
        User user = found.get();
        if (!throttle.admitAccount(user.email())) {
            events.publishEvent(new PasswordResetRequested(
                    user.id(),
                    user.organizationId(),
                    user.email(),
                    "not sent: too many requests for this account",
                    client));
            return;
        }
        ResetLink link = newLink(user, null, publicUrl);
        mail.send(user.email(), link.url());
        events.publishEvent(
                new PasswordResetRequested(user.id(), user.organizationId(), user.email(), "emailed", client));
    }

    /**
     * An administrator's link for a user of their organization (sudo mode, a session): for when there is no email.
     * {@code origin} (the administrator's own request's scheme and host) is used when {@code CLARIBI_PUBLIC_URL} is not
     * set.
     */
    public ResetLink issueLink(ApiPrincipal principal, String id, String origin, ClientInfo client) {
        User admin = roles.require(principal, Role.ADMINISTRATOR);
        sudo.require(principal);
        long userId = ObjectIds.parse(id, "user");
        // A person of the administrator's organization: never a service account, which has no password.
        User user = users.findInOrganization(admin.organizationId(), userId)
                .orElseThrow(() -> ObjectIds.notFound("user", userId));
        if (!user.active()) {
            throw ApiException.conflict("The user is deactivated: a reset link would not let them sign in.");
        }
        ResetLink link = newLink(user, admin.id(), publicUrl.isEmpty() ? stripTrailingSlash(origin) : publicUrl);
        events.publishEvent(
                new PasswordResetLinkIssued(user.id(), user.organizationId(), user.email(), admin.id(), client));
        return link;
    }

    /**
     * Sets a new password with a link's token: the policy applies, the token is spent (with every other open link of
     * the user), and every session of the user ends. A spent, expired or unknown token: 400 {@code invalid_token}.
     */
    public CompletableFuture<Void> confirm(String token, String newPassword, ClientInfo client) {
        Instant now = Timestamps.now(clock);
        PasswordResetTokens.Usable usable = tokens.findUsable(hash(token), now).orElseThrow(PasswordResets::spent);
        User user = users.findById(usable.userId())
                .filter(User::active)
                .filter(candidate -> !candidate.serviceAccount())
                .orElseThrow(PasswordResets::spent);
        List<String> problems = new ArrayList<>(policy.problems(newPassword, user.email()));
        if (!problems.isEmpty()) {
            throw ApiException.validation(Map.of("new_password", problems));
        }
        return hashing.hash(newPassword)
                .thenAcceptAsync(
                        passwordHash -> {
                            if (!membership.resetPassword(user, usable.id(), passwordHash, client)) {
                                throw spent();
                            }
                        },
                        background);
    }

    private ResetLink newLink(User user, @Nullable Long createdBy, String base) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Timestamps.now(clock);
        Instant expiresAt = now.plus(VALIDITY);
        tokens.insert(user.id(), hash(token), now, expiresAt, createdBy);
        return new ResetLink(base + PAGE + token, expiresAt);
    }

    private static ApiException spent() {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "invalid_token",
                "The password reset link is invalid.",
                "The link was already used, has expired, or is not one this server made: ask for a new one.");
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
