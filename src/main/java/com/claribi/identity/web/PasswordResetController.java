package com.claribi.identity.web;

import com.claribi.identity.PasswordResetConfirmation;
import com.claribi.identity.PasswordResets;
import com.claribi.identity.ResetLinkAdministration;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Fields;
import com.claribi.platform.HttpsPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Password reset: {@code POST /api/auth/password-reset/} (anyone: an email with a link, answered alike for every
 * email), {@code POST /api/auth/password-reset/confirm/} (the link's token and a new password), and
 * {@code POST /api/users/{id}/password-reset/} (an administrator's link to hand over).
 */
@RestController
@Tag(name = "Authentication")
record PasswordResetController(
        PasswordResets resets, PasswordResetConfirmation confirmation, ResetLinkAdministration administration) {

    private static final int MAX_EMAIL = 320;
    private static final int MAX_TOKEN = 200;

    record ResetRequest(@Nullable String email) {}

    record ResetConfirmation(
            @Nullable String token, @Nullable String newPassword) {}

    @Schema(name = "PasswordResetLink")
    record ResetLinkView(String resetUrl, Instant expiresAt) {}

    @Operation(
            operationId = "requestPasswordReset",
            summary = "Ask for a password-reset email",
            description =
                    "Accepted (202) whatever the email, at once: when the email belongs to an active user and the server has an SMTP server (CLARIBI_SMTP_URL), that user gets an email with a single-use link to /reset-password?token=..., valid 30 minutes. Throttled per address (429 rate_limited, whatever the email) and per account (no email, same answer). Needs no credentials.")
    @PostMapping("/api/auth/password-reset")
    ResponseEntity<Void> request(@RequestBody ResetRequest body, ClientInfo client) {
        Fields fields = new Fields().require("email", body.email());
        if (body.email() != null && body.email().length() > MAX_EMAIL) {
            fields.add("email", "Ensure this field has no more than " + MAX_EMAIL + " characters.");
        }
        fields.throwIfAny();
        resets.request(body.email(), client);
        return ResponseEntity.accepted().build();
    }

    @Operation(
            operationId = "confirmPasswordReset",
            summary = "Set a new password with a reset link",
            description =
                    "Sets the password of the link's user: the password policy applies, the link is spent, and every session of the user ends; two-factor authentication stays on. A spent, expired or unknown token: 400 invalid_token. Needs no credentials. 204.")
    @PostMapping("/api/auth/password-reset/confirm")
    CompletableFuture<ResponseEntity<Void>> confirm(@RequestBody ResetConfirmation body, ClientInfo client) {
        Fields fields = new Fields().require("token", body.token()).require("new_password", body.newPassword());
        if (body.token() != null && body.token().length() > MAX_TOKEN) {
            fields.add("token", "Ensure this field has no more than " + MAX_TOKEN + " characters.");
        }
        fields.throwIfAny();
        return confirmation
                .confirm(body.token(), body.newPassword(), client)
                .thenApply(done -> ResponseEntity.noContent().build());
    }

    @Operation(
            operationId = "createPasswordResetLink",
            summary = "Make a password-reset link for a user",
            description =
                    "A single-use link, valid 30 minutes, for the administrator to hand over when there is no email: 201 {reset_url, expires_at}. Administrators of the user's organization, with a session and a recent password proof. A deactivated user: 409.")
    @PostMapping("/api/users/{id}/password-reset")
    ResponseEntity<ResetLinkView> issue(@PathVariable String id, HttpServletRequest request, ClientInfo client) {
        PasswordResets.ResetLink link =
                administration.issueLink(CurrentPrincipal.get(), id, HttpsPolicy.externalBase(request), client);
        return ResponseEntity.status(HttpStatus.CREATED).body(new ResetLinkView(link.url(), link.expiresAt()));
    }
}
