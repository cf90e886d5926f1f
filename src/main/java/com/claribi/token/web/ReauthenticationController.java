package com.claribi.token.web;

import com.claribi.mfa.SecondFactor;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Fields;
import com.claribi.platform.HttpsPolicy;
import com.claribi.token.Reauthentication;
import jakarta.servlet.http.HttpServletRequest;
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
class ReauthenticationController {

    private final Reauthentication reauthentication;
    private final HttpsPolicy https;

    ReauthenticationController(Reauthentication reauthentication, HttpsPolicy https) {
        this.reauthentication = reauthentication;
        this.https = https;
    }

    record PasswordProof(
            @Nullable String password,
            @Nullable String totpCode,
            @Nullable String recoveryCode) {

        @Override
        public String toString() {
            return "PasswordProof[]";
        }
    }

    @PostMapping("/api/auth/reauthenticate")
    CompletableFuture<ResponseEntity<TokenResponse>> reauthenticate(
            @RequestBody PasswordProof proof, HttpServletRequest request) {
        ApiPrincipal principal = CurrentPrincipal.get();
        principal.requireSession();
        new Fields().require("password", proof.password()).throwIfAny();
        return reauthentication
                .reauthenticate(
                        principal,
                        proof.password(),
                        new SecondFactor(proof.totpCode(), proof.recoveryCode()),
                        ClientInfo.of(request, https))
                .thenApply(access -> new TokenResponse(access, null).noStore(List.of()));
    }
}
