package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import com.claribi.ratelimit.PasswordResetThrottle;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Password reset through a single-use link ({@link ResetLinks}): emailed to a known active user who asks for it
 * (here), or made by an administrator to hand over ({@link ResetLinkAdministration}); the link sets a new password
 * through {@link PasswordResetConfirmation}. A request is answered the same way, at once, whatever the email: the
 * lookup, the per-account budget and the email happen after the answer, so neither the answer nor its timing says
 * whether an account exists. The reset ends every session of the user; two-factor authentication stays on.
 */
@Service
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    /** A link to hand over, and when it stops working. */
    public record ResetLink(String url, Instant expiresAt) {}

    private final Users users;
    private final PasswordResetThrottle throttle;
    private final ResetLinks links;
    private final ApplicationEventPublisher events;
    private final ResetMail mail;
    /** The lookup and email of a request, after its answer. */
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    PasswordResets(
            Users users,
            PasswordResetThrottle throttle,
            ResetLinks links,
            ApplicationEventPublisher events,
            IdentityProperties properties) {
        this.users = users;
        this.throttle = throttle;
        this.links = links;
        this.events = events;
        this.mail = new ResetMail(properties.mail(), properties.publicUrl());
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
        ResetLink link = links.create(user, null, null);
        mail.send(user.email(), link.url());
        events.publishEvent(
                new PasswordResetRequested(user.id(), user.organizationId(), user.email(), "emailed", client));
    }
}
