package com.claribi.token.web;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.token.UserSessions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/auth/sessions/}: the signed-in user's live sessions (device and address), and ending one; a session, not
 * an API key. Ending another session than the caller's needs sudo mode.
 */
@RestController
@Tag(name = "Authentication")
record SessionsController(UserSessions sessions) {

    @Operation(
            operationId = "listSessions",
            summary = "List your sessions",
            description =
                    "The signed-in user's live sessions (neither ended nor expired), by id: when each started and was last used (its login, then refreshes, to the minute), the address and user agent it signed in from, and current for the caller's own. Sessions only: an API key gets 403 permission_denied.")
    @GetMapping("/api/auth/sessions")
    Page<UserSessions.ActiveSession> list(PageRequest page, PageLinks links) {
        return sessions.list(CurrentPrincipal.get(), page, links);
    }

    /** Ends the session: its tokens stop working in every process within a second. */
    @Operation(
            operationId = "endSession",
            summary = "End a session",
            description =
                    "Ends one of the caller's live sessions: its access and refresh tokens stop working in every process within a second. Ending the caller's own session is a logout; ending another needs a password proof within the re-authentication window (else 403 reauthentication_required). Another user's session, or one already ended, is 404 not_found.")
    @DeleteMapping("/api/auth/sessions/{id}")
    ResponseEntity<Void> end(@PathVariable String id, ClientInfo client) {
        sessions.end(CurrentPrincipal.get(), id, client);
        return ResponseEntity.noContent().build();
    }
}
