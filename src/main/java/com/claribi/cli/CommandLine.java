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
import com.claribi.token.SigningKeyRotation;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Parses and runs one command of {@code bin/claribi}. Passwords are read from standard input or the terminal, never
 * from the arguments, where other users of the machine could see them.
 */
public final class CommandLine {

    static final String USAGE = """
            Usage: bin/claribi [COMMAND] [OPTIONS]

            Commands:
              serve                          start the server (the default); options as --claribi.x=y
              org create --name NAME --admin-email EMAIL --password-stdin [--plan PLAN] [--ai-credits N]
                                             create an organization and its administrator
              user create --org ORG --email EMAIL --role ROLE --password-stdin [--first-name F] [--last-name L]
                                             add a user (ORG is an id or a name; ROLE is administrator, editor or viewer)
              user revoke-sessions --email EMAIL
                                             end every session of a user
              user deactivate --email EMAIL [--force]
                                             stop a user from signing in; ends their sessions and API keys
                                             (--force: even the organization's last active administrator)
              user reset-mfa --email EMAIL   turn MFA off for a user locked out of it (lost authenticator and
                                             recovery codes); they sign in with the password and can enrol again
              keys rotate                    start a new token signing key (old keys stay published until their
                                             tokens expire)
              help                           show this text

            Commands act on the configured database (CLARIBI_DATABASE_URL, or the embedded one under
            CLARIBI_DATA_DIR, which a running server holds: stop it first). Without --password-stdin the
            password is asked on the terminal.
            """;

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "org create", Set.of("--name", "--admin-email", "--password-stdin", "--plan", "--ai-credits"),
            "user create", Set.of("--org", "--email", "--role", "--password-stdin", "--first-name", "--last-name"),
            "user revoke-sessions", Set.of("--email"),
            "user deactivate", Set.of("--email", "--force"),
            "user reset-mfa", Set.of("--email"),
            "keys rotate", Set.of());
    private static final Set<String> FLAGS = Set.of("--password-stdin", "--force");

    private CommandLine() {}

    public static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    /** Runs the command and returns the process exit code: 0 done, 1 refused, 2 misused. */
    public static int run(Class<?> application, String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (isHelp(args[0])) {
            out.print(USAGE);
            return 0;
        }
        if (args.length < 2 || !OPTIONS.containsKey(args[0] + " " + args[1])) {
            err.println("Unknown command: " + String.join(" ", args.length < 2 ? args : Arrays.copyOf(args, 2)));
            err.print(USAGE);
            return 2;
        }
        String command = args[0] + " " + args[1];
        Map<String, String> options = new HashMap<>();
        List<String> rest = Arrays.asList(args).subList(2, args.length);
        for (int i = 0; i < rest.size(); i++) {
            String option = rest.get(i);
            if (option.equals("--password")) {
                err.println("Passwords are never taken as arguments: use --password-stdin, or omit it to be asked.");
                return 2;
            }
            if (!OPTIONS.get(command).contains(option)) {
                err.println("Unknown option for " + command + ": " + option);
                return 2;
            }
            if (FLAGS.contains(option)) {
                options.put(option, "true");
            } else if (i + 1 < rest.size()) {
                options.put(option, rest.get(++i));
            } else {
                err.println("Option " + option + " needs a value");
                return 2;
            }
        }
        try {
            return switch (command) {
                case "org create" -> orgCreate(application, options, out);
                case "user create" -> userCreate(application, options, out);
                case "user revoke-sessions" -> revokeSessions(application, options, out);
                case "user deactivate" -> deactivate(application, options, out);
                case "user reset-mfa" -> resetMfa(application, options, out);
                case "keys rotate" -> rotateKeys(application, out);
                default -> 2;
            };
        } catch (UsageError e) {
            err.println(e.getMessage());
            return 2;
        } catch (ApiException e) {
            err.println(e.getMessage() + " " + e.detail());
            return 1;
        } catch (RuntimeException e) {
            err.println("Failed: " + explain(e));
            return 1;
        }
    }

    private static int orgCreate(Class<?> application, Map<String, String> options, PrintStream out) {
        String name = required(options, "--name");
        String email = required(options, "--admin-email");
        String plan = options.getOrDefault("--plan", "professional");
        int credits = integer(options.getOrDefault("--ai-credits", "1500"), "--ai-credits");
        String password = password(options);
        try (ConfigurableApplicationContext context = start(application)) {
            User admin = context.getBean(IdentityManagement.class)
                    .createOrganization(
                            name,
                            plan,
                            credits,
                            new IdentityManagement.NewUser(email, password, Role.ADMINISTRATOR, "", ""),
                            ClientInfo.COMMAND_LINE);
            out.println("Created organization " + admin.organizationId() + " \"" + name + "\" with administrator "
                    + admin.email() + " (user " + admin.id() + ")");
            return 0;
        }
    }

    private static int userCreate(Class<?> application, Map<String, String> options, PrintStream out) {
        String org = required(options, "--org");
        String email = required(options, "--email");
        Role role;
        try {
            role = Role.parse(required(options, "--role"));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        String password = password(options);
        try (ConfigurableApplicationContext context = start(application)) {
            Organizations organizations = context.getBean(Organizations.class);
            Organization organization = (org.matches("\\d+")
                            ? organizations.findById(Long.parseLong(org))
                            : organizations.findByName(org))
                    .orElseThrow(() -> ApiException.notFound("No organization " + org + "."));
            User user = context.getBean(IdentityManagement.class)
                    .createUser(
                            organization.id(),
                            new IdentityManagement.NewUser(
                                    email,
                                    password,
                                    role,
                                    options.getOrDefault("--first-name", ""),
                                    options.getOrDefault("--last-name", "")),
                            ClientInfo.COMMAND_LINE);
            out.println("Created user " + user.id() + " " + user.email() + " (" + role.value() + ") in organization "
                    + organization.id());
            return 0;
        }
    }

    private static int revokeSessions(Class<?> application, Map<String, String> options, PrintStream out) {
        String email = required(options, "--email");
        try (ConfigurableApplicationContext context = start(application)) {
            User user = context.getBean(Users.class)
                    .findByEmail(email)
                    .orElseThrow(() -> ApiException.notFound("No user with email " + email + "."));
            int count = context.getBean(SessionManagement.class)
                    .revokeAllOf(user.id(), "revoked_by_operator", ClientInfo.COMMAND_LINE);
            out.println("Ended " + count + (count == 1 ? " session" : " sessions") + " of " + user.email());
            return 0;
        }
    }

    private static int deactivate(Class<?> application, Map<String, String> options, PrintStream out) {
        String email = required(options, "--email");
        try (ConfigurableApplicationContext context = start(application)) {
            User user = context.getBean(Users.class)
                    .findByEmail(email)
                    .orElseThrow(() -> ApiException.notFound("No user with email " + email + "."));
            context.getBean(IdentityManagement.class)
                    .deactivate(user.id(), options.containsKey("--force"), ClientInfo.COMMAND_LINE);
            out.println("Deactivated " + user.email() + "; their sessions and API keys no longer work");
            return 0;
        }
    }

    private static int resetMfa(Class<?> application, Map<String, String> options, PrintStream out) {
        String email = required(options, "--email");
        try (ConfigurableApplicationContext context = start(application)) {
            boolean wasOn = context.getBean(MfaManagement.class).reset(email, ClientInfo.COMMAND_LINE);
            out.println(
                    wasOn
                            ? "Turned MFA off for " + email + " and deleted their recovery codes; they can sign in with"
                                    + " their password and enrol a new authenticator."
                            : "MFA was not on for " + email + "; nothing to reset.");
            return 0;
        }
    }

    private static int rotateKeys(Class<?> application, PrintStream out) {
        try (ConfigurableApplicationContext context = start(application)) {
            String kid = context.getBean(SigningKeyRotation.class).rotate(ClientInfo.COMMAND_LINE);
            out.println(
                    "New signing key " + kid + "; the previous keys stay in the JWK Set until their tokens expire.");
            return 0;
        }
    }

    private static ConfigurableApplicationContext start(Class<?> application) {
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setAdditionalProfiles("cli");
        // A command needs a handful of beans: create only those (migrations still run before the first query).
        app.setLazyInitialization(true);
        return app.run();
    }

    private static String required(Map<String, String> options, String option) {
        String value = options.get(option);
        if (value == null || value.isBlank()) {
            throw new UsageError("Missing " + option);
        }
        return value;
    }

    private static int integer(String value, String option) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageError(option + " must be a whole number");
        }
    }

    private static String password(Map<String, String> options) {
        if (options.containsKey("--password-stdin")) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new UsageError("--password-stdin: standard input has no password");
                }
                return line;
            } catch (IOException e) {
                throw new UsageError("--password-stdin: cannot read standard input");
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new UsageError("No terminal to ask the password on: pipe it in with --password-stdin");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Repeat the password: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new UsageError("The passwords do not match");
        }
        return new String(first);
    }

    private static String explain(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Database may be already in use") || message.contains("already in use")) {
                return "the embedded database is in use by a running server; stop the server first "
                        + "(or use PostgreSQL via CLARIBI_DATABASE_URL)";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
