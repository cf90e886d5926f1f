package com.claribi.identity.web;

import com.claribi.identity.Membership;
import com.claribi.identity.User;
import com.claribi.identity.UserAdministration;
import com.claribi.platform.BodyFields;
import com.claribi.platform.ClientInfo;
import com.claribi.platform.CurrentPrincipal;
import com.claribi.platform.JsonBody;
import com.claribi.platform.Locations;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/users/}: the organization's users, for administrators. {@code DELETE} deactivates (the user's sessions
 * and API keys end at once); deactivated users stay listed with {@code "active": false}, since audit events name them.
 */
@RestController
@Tag(name = "Users")
record UsersController(UserAdministration users) {

    @Schema(name = "User")
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

    /** Fields of a user that are shown but never written through this endpoint; sending them back is harmless. */
    private static final Set<String> READ_ONLY = Set.of("id", "created_at");
    /** Fields an administrator might expect to change here but cannot: refused by name rather than ignored. */
    private static final Map<String, String> NOT_HERE = Map.of(
            "email", "The email cannot be changed.",
            "password", "Only the user changes their password (POST /api/auth/password/).",
            "active", "Deactivate with DELETE /api/users/{id}/; deactivation is final.");

    private static final BodyFields NEW_USER =
            new BodyFields(List.of("email", "password", "role", "first_name", "last_name"), READ_ONLY);
    /** The fields refused by name come first, as they did when they were checked before the others. */
    private static final BodyFields USER_CHANGE =
            new BodyFields(List.of("email", "password", "active", "role", "first_name", "last_name"), READ_ONLY);

    /** What a client sends to create a user (the body is read field by field; this record only describes it). */
    @Schema(name = "NewUser", description = "email and password required; role viewer unless given")
    record NewUser(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String email,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "meets the password policy")
            String password,

            @Schema(allowableValues = {"administrator", "editor", "viewer"}) @Nullable
            String role,

            @Nullable String firstName,
            @Nullable String lastName) {}

    /** What a client sends to change a user; only the fields sent change. */
    @Schema(name = "UserChange")
    record UserChange(
            @Schema(allowableValues = {"administrator", "editor", "viewer"}) @Nullable
            String role,

            @Nullable String firstName,
            @Nullable String lastName) {}

    @Operation(
            operationId = "listUsers",
            summary = "List users",
            description = "The organization's users, ordered by id (administrators).")
    @GetMapping("/api/users")
    Page<UserView> list(PageRequest page, PageLinks links) {
        return users.list(CurrentPrincipal.get(), page, links).map(UserView::of);
    }

    @Operation(
            operationId = "getUser",
            summary = "Get a user",
            description = "One user of the organization (administrators).")
    @GetMapping("/api/users/{id}")
    UserView get(@PathVariable String id) {
        return UserView.of(users.get(CurrentPrincipal.get(), id));
    }

    /** Creates a user with an initial password that meets the password policy; the role defaults to viewer. */
    @Operation(
            operationId = "createUser",
            summary = "Create a user",
            description =
                    "Creates a user of the organization with an email, a password and a role (viewer unless given). Administrators, with a session (an API key gets 403) and a recent password proof. 201.")
    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<UserView> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = NewUser.class)))
                    @RequestBody
                    JsonNode json,
            HttpServletRequest request,
            ClientInfo client) {
        User created = users.create(CurrentPrincipal.get(), NEW_USER.read(json, UsersController::newMember), client);
        return Locations.created(request, "/api/users/", created.id(), UserView.of(created));
    }

    /** Changes a user's role or names; the last active administrator cannot be demoted (409). */
    @Operation(
            operationId = "updateUser",
            summary = "Update a user",
            description =
                    "Changes a user's role or name. Administrators, with a session and a recent password proof; the organization's last active administrator stays one (409).")
    @PatchMapping("/api/users/{id}")
    UserView update(
            @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = UserChange.class)))
                    @RequestBody
                    JsonNode json,
            ClientInfo client) {
        return UserView.of(
                users.update(CurrentPrincipal.get(), id, USER_CHANGE.read(json, UsersController::change), client));
    }

    /** Deactivates the user: their sessions and API keys stop working in every process within a second. */
    @Operation(
            operationId = "deactivateUser",
            summary = "Deactivate a user",
            description =
                    "Deactivates the user: their sessions end and their API keys are revoked. Administrators, with a session and a recent password proof. 204.")
    @DeleteMapping("/api/users/{id}")
    ResponseEntity<Void> deactivate(@PathVariable String id, ClientInfo client) {
        users.deactivate(CurrentPrincipal.get(), id, client);
        return ResponseEntity.noContent().build();
    }

    private static UserAdministration.NewMember newMember(JsonBody body) {
        @Nullable String email = body.requiredText("email", 320);
        @Nullable String password = password(body);
        @Nullable String firstName = body.text("first_name", 150, "");
        @Nullable String lastName = body.text("last_name", 150, "");
        return new UserAdministration.NewMember(email, password, RoleField.orDefault(body), firstName, lastName);
    }

    /** Only the fields sent; {@code email}, {@code password} and {@code active} are refused by name. */
    private static Membership.UserChange change(JsonBody body) {
        NOT_HERE.forEach((field, problem) -> {
            if (body.has(field)) {
                body.problem(field, problem);
            }
        });
        @Nullable String firstName = body.has("first_name") ? body.text("first_name", 150, "") : null;
        @Nullable String lastName = body.has("last_name") ? body.text("last_name", 150, "") : null;
        return new Membership.UserChange(RoleField.change(body), firstName, lastName);
    }

    /** A password is not trimmed: spaces are part of a passphrase. */
    private static @Nullable String password(JsonBody body) {
        if (!body.has("password")) {
            body.problem("password", "This field is required.");
            return null;
        }
        return body.text("password", 4096, "");
    }
}
