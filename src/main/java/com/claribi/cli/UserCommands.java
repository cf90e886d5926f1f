package com.claribi.cli;

import com.claribi.identity.IdentityManagement;
import com.claribi.identity.Organization;
import com.claribi.identity.Organizations;
import com.claribi.identity.Role;
import com.claribi.identity.User;
import com.claribi.identity.Users;
import com.claribi.mfa.MfaManagement;
import com.claribi.platform.ApiException;
import com.claribi.platform.ClientInfo;
import com.claribi.token.SessionManagement;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code user}: the users of the organizations. */
@Command(name = "user", description = "users")
final class UserCommands {

    private static User byEmail(ConfigurableApplicationContext context, String email) {
        return context.getBean(Users.class)
                .findByEmail(email)
                .orElseThrow(() -> ApiException.notFound("No user with email " + email + "."));
    }

    /** {@code user create}. */
    @Command(name = "create", sortOptions = false, description = "add a user to an organization")
    static final class Create implements Callable<Integer> {

        private final Class<?> application;

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

        Create(Class<?> application) {
            this.application = application;
        }

        @Override
        public Integer call() {
            UsageError.nonBlank(org, "--org");
            UsageError.nonBlank(email, "--email");
            Role parsed;
            try {
                parsed = Role.parse(UsageError.nonBlank(role, "--role"));
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            String password = Passwords.read(passwordFromStandardInput);
            try (ConfigurableApplicationContext context = AdminContext.start(application)) {
                Organizations organizations = context.getBean(Organizations.class);
                Organization organization = (org.matches("\\d+")
                                ? organizations.findById(Long.parseLong(org))
                                : organizations.findByName(org))
                        .orElseThrow(() -> ApiException.notFound("No organization " + org + "."));
                User user = context.getBean(IdentityManagement.class)
                        .createUser(
                                organization.id(),
                                new IdentityManagement.NewUser(email, password, parsed, firstName, lastName),
                                ClientInfo.COMMAND_LINE);
                System.out.println("Created user " + user.id() + " " + user.email() + " (" + parsed.value()
                        + ") in organization " + organization.id());
                return 0;
            }
        }
    }

    /** {@code user revoke-sessions}. */
    @Command(name = "revoke-sessions", description = "end every session of a user")
    static final class RevokeSessions implements Callable<Integer> {

        private final Class<?> application;

        @Option(names = "--email", required = true, paramLabel = "EMAIL")
        String email;

        RevokeSessions(Class<?> application) {
            this.application = application;
        }

        @Override
        public Integer call() {
            UsageError.nonBlank(email, "--email");
            try (ConfigurableApplicationContext context = AdminContext.start(application)) {
                User user = byEmail(context, email);
                int count = context.getBean(SessionManagement.class)
                        .revokeAllOf(user.id(), "revoked_by_operator", ClientInfo.COMMAND_LINE);
                System.out.println("Ended " + count + (count == 1 ? " session" : " sessions") + " of " + user.email());
                return 0;
            }
        }
    }

    /** {@code user deactivate}. */
    @Command(name = "deactivate", description = "stop a user from signing in; ends their sessions and API keys")
    static final class Deactivate implements Callable<Integer> {

        private final Class<?> application;

        @Option(names = "--email", required = true, paramLabel = "EMAIL")
        String email;

        @Option(names = "--force", description = "even the organization's last active administrator")
        boolean force;

        Deactivate(Class<?> application) {
            this.application = application;
        }

        @Override
        public Integer call() {
            UsageError.nonBlank(email, "--email");
            try (ConfigurableApplicationContext context = AdminContext.start(application)) {
                User user = byEmail(context, email);
                context.getBean(IdentityManagement.class).deactivate(user.id(), force, ClientInfo.COMMAND_LINE);
                System.out.println("Deactivated " + user.email() + "; their sessions and API keys no longer work");
                return 0;
            }
        }
    }

    /** {@code user reset-mfa}. */
    @Command(
            name = "reset-mfa",
            description = "turn MFA off for a user locked out of it (lost authenticator and recovery codes)",
            footer = {"", "They sign in with their password and can enrol a new authenticator. The reset is audited."})
    static final class ResetMfa implements Callable<Integer> {

        private final Class<?> application;

        @Option(names = "--email", required = true, paramLabel = "EMAIL")
        String email;

        ResetMfa(Class<?> application) {
            this.application = application;
        }

        @Override
        public Integer call() {
            UsageError.nonBlank(email, "--email");
            try (ConfigurableApplicationContext context = AdminContext.start(application)) {
                boolean wasOn = context.getBean(MfaManagement.class).reset(email, ClientInfo.COMMAND_LINE);
                System.out.println(
                        wasOn
                                ? "Turned MFA off for " + email + " and deleted their recovery codes; they can sign"
                                        + " in with their password and enrol a new authenticator."
                                : "MFA was not on for " + email + "; nothing to reset.");
                return 0;
            }
        }
    }
}
