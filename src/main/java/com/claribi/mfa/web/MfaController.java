package com.claribi.mfa.web;

import com.claribi.mfa.MfaEnrolment;
import com.claribi.mfa.MfaManagement;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Fields;
import com.claribi.platform.SudoMode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/auth/mfa/}: status, setup, confirmation, turning MFA off and new recovery codes. Only a signed-in session
 * may use them (an API key gets 403), and every change only in sudo mode ({@link SudoMode}).
 */
@RestController
@Tag(name = "Two-factor authentication")
record MfaController(MfaEnrolment enrolment, MfaManagement mfa, SudoMode sudo) {

    record CodeRequest(@Nullable String code) {}

    record Confirmed(boolean enabled, List<String> recoveryCodes) {}

    record Disabled(boolean enabled) {}

    record RecoveryCodesIssued(List<String> recoveryCodes) {}

    @Operation(
            operationId = "getMfaStatus",
            summary = "Get the two-factor status",
            description =
                    "Whether two-factor authentication is on for the signed-in user, and how many unused recovery codes are left.")
    @GetMapping("/api/auth/mfa")
    MfaManagement.Status status() {
        ApiPrincipal principal = CurrentPrincipal.get();
        principal.requireSession();
        return mfa.status(principal.userId());
    }

    @Operation(
            operationId = "setupMfa",
            summary = "Start two-factor enrolment",
            description =
                    "Creates a new TOTP secret and returns it in base32, as an otpauth URI and as a QR code (a data: URI image). Two-factor authentication is not on until the first code is confirmed. Needs a recent password proof (sudo mode).")
    @PostMapping("/api/auth/mfa/setup")
    ResponseEntity<MfaEnrolment.Enrolment> setup() {
        ApiPrincipal principal = CurrentPrincipal.get();
        sudo.require(principal);
        return noStore(enrolment.setup(principal.userId()));
    }

    @Operation(
            operationId = "confirmMfa",
            summary = "Confirm two-factor enrolment",
            description =
                    "Turns two-factor authentication on with a current code of the new secret and returns 10 single-use recovery codes, shown this once. Needs a recent password proof.")
    @PostMapping("/api/auth/mfa/confirm")
    ResponseEntity<Confirmed> confirm(@RequestBody CodeRequest body, ClientInfo client) {
        ApiPrincipal principal = CurrentPrincipal.get();
        sudo.require(principal);
        MfaManagement.NewRecoveryCodes codes = enrolment.confirm(principal.userId(), code(body), client);
        return noStore(new Confirmed(true, codes.codes()));
    }

    @Operation(
            operationId = "disableMfa",
            summary = "Turn two-factor authentication off",
            description =
                    "Turns two-factor authentication off, given a current code or a recovery code. Every other session of the user ends. Needs a recent password proof.")
    @PostMapping("/api/auth/mfa/disable")
    Disabled disable(@RequestBody CodeRequest body, ClientInfo client) {
        ApiPrincipal principal = CurrentPrincipal.get();
        String session = sudo.require(principal);
        mfa.disable(principal.userId(), code(body), session, client);
        return new Disabled(false);
    }

    @Operation(
            operationId = "regenerateRecoveryCodes",
            summary = "Replace the recovery codes",
            description =
                    "Issues a new set of 10 recovery codes, given a current code; the old set stops working. Needs a recent password proof.")
    @PostMapping("/api/auth/mfa/recovery-codes")
    ResponseEntity<RecoveryCodesIssued> recoveryCodes(@RequestBody CodeRequest body, ClientInfo client) {
        ApiPrincipal principal = CurrentPrincipal.get();
        sudo.require(principal);
        MfaManagement.NewRecoveryCodes codes = mfa.regenerateRecoveryCodes(principal.userId(), code(body), client);
        return noStore(new RecoveryCodesIssued(codes.codes()));
    }

    private static String code(CodeRequest body) {
        new Fields().require("code", body.code()).throwIfAny();
        return body.code();
    }

    /** Secrets and recovery codes are shown once: no cache may keep them. */
    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(body);
    }
}
