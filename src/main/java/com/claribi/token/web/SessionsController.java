package com.claribi.token.web;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.HttpsPolicy;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.token.UserSessions;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/auth/sessions/}: the signed-in user's live sessions (device and address), and ending one; a session, not
 * an API key. Ending another session than the caller's needs sudo mode.
 */
@RestController
class SessionsController {

    private final UserSessions sessions;
    private final HttpsPolicy https;

    SessionsController(UserSessions sessions, HttpsPolicy https) {
        this.sessions = sessions;
        this.https = https;
    }

    @GetMapping("/api/auth/sessions")
    Page<UserSessions.ActiveSession> list(
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(name = "page_size", required = false) @Nullable String pageSize,
            HttpServletRequest request) {
        return sessions.list(CurrentPrincipal.get(), PageRequest.of(page, pageSize), PageLinks.of(request));
    }

    /** Ends the session: its tokens stop working in every process within a second. */
    @DeleteMapping("/api/auth/sessions/{id}")
    ResponseEntity<Void> end(@PathVariable String id, HttpServletRequest request) {
        sessions.end(CurrentPrincipal.get(), id, ClientInfo.of(request, https));
        return ResponseEntity.noContent().build();
    }
}
