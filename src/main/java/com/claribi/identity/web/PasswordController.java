package com.claribi.identity.web;

import com.claribi.identity.Passwords;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Fields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/auth/password/}: changes the password and ends every other session of the user. */
@RestController
@Tag(name = "Authentication")
record PasswordController(Passwords passwords) {

    record PasswordChange(
            @Nullable String oldPassword, @Nullable String newPassword) {}

    @Operation(
            operationId = "changePassword",
            summary = "Change the password",
            description =
                    "Changes the signed-in user's password, given the current one (old_password), which is itself a re-authentication. Every other session of the user ends. A session is needed: an API key gets 403. 204.")
    @PostMapping("/api/auth/password")
    CompletableFuture<ResponseEntity<Void>> change(@RequestBody PasswordChange body, ClientInfo client) {
        ApiPrincipal principal = CurrentPrincipal.get();
        String session = principal.requireSession();
        new Fields()
                .require("old_password", body.oldPassword())
                .require("new_password", body.newPassword())
                .throwIfAny();
        return passwords
                .changePassword(principal.userId(), body.oldPassword(), body.newPassword(), session, client)
                .thenApply(done -> ResponseEntity.noContent().build());
    }
}
