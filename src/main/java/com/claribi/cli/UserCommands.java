package com.claribi.cli;

import com.claribi.identity.Directory;
import com.claribi.identity.Enrollment;
import com.claribi.identity.Membership;
import com.claribi.identity.Organization;
import com.claribi.identity.Role;
import com.claribi.identity.User;
import com.claribi.mfa.MfaManagement;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.token.SessionEnding;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code user}: the users of the organizations. */
@Command(name = "user", description = "users")
final class UserCommands {

    /** {@code user create}. */
    @Command(name = "create", sortOptions = false, description = "add a user to an organization")
    static final class Create extends AdminCommand {

        @Option(names = "--org", required = true, paramLabel = "ORG", description = "the organization's id or name")
        String org;

        @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "the user's e-mail address")
        String email;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "administrator, editor or viewer")
        String role;

        @Option(
                names = "--password-stdin",
                description = "read the user's password from standard input (else asked on the terminal)")
        boolean passwordFromStandardInput;

        @Option(names = "--first-name", paramLabel = "FIRST", defaultValue = "")
        String firstName;

        @Option(names = "--last-name", paramLabel = "LAST", defaultValue = "")
        String lastName;

        private Role parsedRole = Role.VIEWER;
        private String password = "";

        Create(Class<?> application) {
            super(application);
        }

        @Override
        void prepare() {
            UsageError.nonBlank(org, "--org");
            UsageError.nonBlank(email, "--email");
            try {
                parsedRole = Role.parse(UsageError.nonBlank(role, "--role"));
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            password = Passwords.read(passwordFromStandardInput);
        }

        @Override
        void run(ConfigurableApplicationContext context) {
            Directory directory = context.getBean(Directory.class);
            Organization organization = (org.matches("\\d+")
                            ? directory.organization(Long.parseLong(org))
                            : directory.organizationByName(org))
                    .orElseThrow(() -> ApiException.notFound("No organization " + org + "."));
            User user = context.getBean(Enrollment.class)
                    .createUser(
                            organization.id(),
                            new Enrollment.NewUser(email, password, parsedRole, firstName, lastName),
                            ClientInfo.COMMAND_LINE);
            System.out.println("Created user " + user.id() + " " + user.email() + " (" + parsedRole.value()
                    + ") in organization " + organization.id());
        }
    }

    /** A command on one user, named by {@code --email}. */
    abstract static class OnUser extends AdminCommand {

        @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "the user's e-mail address")
        String email;

        OnUser(Class<?> application) {
            super(application);
        }

        @Override
        void prepare() {
            UsageError.nonBlank(email, "--email");
        }

        User user(ConfigurableApplicationContext context) {
            return context.getBean(Directory.class)
                    .userByEmail(email)
                    .orElseThrow(() -> ApiException.notFound("No user with email " + email + "."));
        }
    }

    /** {@code user revoke-sessions}. */
    @Command(name = "revoke-sessions", description = "end every session of a user")
    static final class RevokeSessions extends OnUser {

        RevokeSessions(Class<?> application) {
            super(application);
        }

        @Override
        void run(ConfigurableApplicationContext context) {
            User user = user(context);
            int count = context.getBean(SessionEnding.class)
                    .revokeAllOf(user.id(), "revoked_by_operator", ClientInfo.COMMAND_LINE);
            System.out.println("Ended " + count + (count == 1 ? " session" : " sessions") + " of " + user.email());
        }
    }

    /** {@code user deactivate}. */
    @Command(name = "deactivate", description = "stop a user from signing in; ends their sessions and API keys")
    static final class Deactivate extends OnUser {

        @Option(names = "--force", description = "even the organization's last active administrator")
        boolean force;

        Deactivate(Class<?> application) {
            super(application);
        }

        @Override
        void run(ConfigurableApplicationContext context) {
            User user = user(context);
            context.getBean(Membership.class).deactivate(user.id(), force, ClientInfo.COMMAND_LINE);
            System.out.println("Deactivated " + user.email() + "; their sessions and API keys no longer work");
        }
    }

    /** {@code user reset-mfa}. */
    @Command(
            name = "reset-mfa",
            description = "turn MFA off for a user locked out of it (lost authenticator and recovery codes)",
            footer = {"", "They sign in with their password and can enrol a new authenticator. The reset is audited."})
    static final class ResetMfa extends OnUser {

        ResetMfa(Class<?> application) {
            super(application);
        }

        @Override
        void run(ConfigurableApplicationContext context) {
            boolean wasOn = context.getBean(MfaManagement.class).reset(email, ClientInfo.COMMAND_LINE);
            System.out.println(
                    wasOn
                            ? "Turned MFA off for " + email + " and deleted their recovery codes; they can sign in"
                                    + " with their password and enrol a new authenticator."
                            : "MFA was not on for " + email + "; nothing to reset.");
        }
    }
}
