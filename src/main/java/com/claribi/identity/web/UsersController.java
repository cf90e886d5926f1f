package com.claribi.identity.web;

import com.claribi.identity.IdentityManagement;
import com.claribi.identity.Role;
import com.claribi.identity.Roles;
import com.claribi.identity.User;
import com.claribi.identity.Users;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.Fields;
import com.claribi.platform.HttpsPolicy;
import com.claribi.platform.Page;
import com.claribi.platform.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users/}: the organization's users, for administrators. {@code DELETE} deactivates (the user's sessions
 * and API keys end at once); deactivated users stay listed with {@code "active": false}, since audit events name them.
 */
@RestController
class UsersController {

    private final IdentityManagement identity;
    private final Users users;
    private final Roles roles;
    private final HttpsPolicy https;

    UsersController(IdentityManagement identity, Users users, Roles roles, HttpsPolicy https) {
        this.identity = identity;
        this.users = users;
        this.roles = roles;
        this.https = https;
    }

    record UserView(
            long id, String email, String firstName, String lastName, String role, boolean active, Instant createdAt) {

        static UserView of(User user) {
            return new UserView(
                    user.id(),
                    user.email(),
                    user.firstName(),
                    user.lastName(),
                    user.role().value(),
                    user.active(),
                    user.createdAt());
        }
    }

    record NewUser(
            @Nullable String email,
            @Nullable String password,
            @Nullable String role,
            @Nullable String firstName,
            @Nullable String lastName) {}

    record UserChange(
            @Nullable String role,
            @Nullable String firstName,
            @Nullable String lastName) {}

    @GetMapping("/api/users")
    Page<UserView> list(
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(name = "page_size", required = false) @Nullable String pageSize,
            HttpServletRequest request) {
        long organizationId = administrator().organizationId();
        PageRequest pageRequest = PageRequest.of(page, pageSize);
        return Page.of(
                pageRequest,
                users.countInOrganization(organizationId),
                users.pageInOrganization(organizationId, pageRequest.offset(), pageRequest.size()).stream()
                        .map(UserView::of)
                        .toList(),
                request);
    }

    @GetMapping("/api/users/{id}")
    UserView get(@PathVariable long id) {
        long organizationId = administrator().organizationId();
        return UserView.of(users.findInOrganization(organizationId, id)
                .orElseThrow(() -> ApiException.notFound("No user with ID " + id + " was found.")));
    }

    /** Creates a user with an initial password that meets the password policy; the role defaults to viewer. */
    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<UserView> create(@RequestBody NewUser body, HttpServletRequest request) {
        User admin = administrator();
        Fields problems = new Fields().require("email", body.email()).require("password", body.password());
        @Nullable Role role = body.role() == null ? Role.VIEWER : role(body.role(), problems);
        problems.throwIfAny();
        User created = identity.createUser(
                admin.organizationId(),
                new IdentityManagement.NewUser(
                        body.email(),
                        body.password(),
                        role,
                        body.firstName() == null ? "" : body.firstName().trim(),
                        body.lastName() == null ? "" : body.lastName().trim()),
                ClientInfo.of(request, https));
        return ResponseEntity.created(URI.create("/api/users/" + created.id() + "/"))
                .body(UserView.of(created));
    }

    /** Changes a user's role or names; the last active administrator cannot be demoted (409). */
    @PatchMapping("/api/users/{id}")
    UserView update(@PathVariable long id, @RequestBody UserChange body, HttpServletRequest request) {
        User admin = administrator();
        Fields problems = new Fields();
        @Nullable Role role = body.role() == null ? null : role(body.role(), problems);
        problems.throwIfAny();
        return UserView.of(identity.updateUser(
                admin.organizationId(),
                id,
                new IdentityManagement.UserChange(role, body.firstName(), body.lastName()),
                admin.id(),
                ClientInfo.of(request, https)));
    }

    /** Deactivates the user: their sessions and API keys stop working in every process within a second. */
    @DeleteMapping("/api/users/{id}")
    ResponseEntity<Void> deactivate(@PathVariable long id, HttpServletRequest request) {
        User admin = administrator();
        identity.deactivate(admin.organizationId(), id, ClientInfo.of(request, https));
        return ResponseEntity.noContent().build();
    }

    private User administrator() {
        return roles.require(CurrentPrincipal.get(), Role.ADMINISTRATOR);
    }

    private static @Nullable Role role(String value, Fields problems) {
        try {
            return Role.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add("role", "Must be administrator, editor or viewer.");
            return null;
        }
    }
}
