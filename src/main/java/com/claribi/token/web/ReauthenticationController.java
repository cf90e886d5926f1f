package com.claribi.token.web;

import com.claribi.mfa.SecondFactor;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Fields;
import com.claribi.token.Reauthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sudo mode: the signed-in user proves the password (and code) again; the answer is an access token of the same
 * session with a fresh {@code auth_time}. Only a session may, never an API key.
 */
@RestController
@Tag(name = "Authentication")
record ReauthenticationController(Reauthentication reauthentication) {

    record PasswordProof(
            @Nullable String password,
            @Nullable String totpCode,
            @Nullable String recoveryCode) {

        @Override
        public String toString() {
            return "PasswordProof[]";
        }
    }

    @Operation(
            operationId = "reauthenticate",
            summary = "Prove the password again",
            description =
                    "Sudo mode: sensitive operations need a password proof younger than CLARIBI_REAUTHENTICATION_WINDOW (15 minutes by default), else 403 reauthentication_required. Send the password (plus totp_code or recovery_code when MFA is on) to get a new access token of the same session with a fresh auth_time. A wrong password is 400 invalid_credentials; a missing or wrong code 400 mfa_required or invalid_mfa_code.")
    @PostMapping("/api/auth/reauthenticate")
    CompletableFuture<ResponseEntity<TokenResponse>> reauthenticate(
            @RequestBody PasswordProof proof, ClientInfo client) {
        ApiPrincipal principal = CurrentPrincipal.get();
        principal.requireSession();
        new Fields().require("password", proof.password()).throwIfAny();
        return reauthentication
                .reauthenticate(
                        principal, proof.password(), new SecondFactor(proof.totpCode(), proof.recoveryCode()), client)
                .thenApply(access -> new TokenResponse(access, null).noStore(List.of()));
    }
}
