package com.claribi.cli;

import com.claribi.identity.IdentityManagement;
import com.claribi.identity.Role;
import com.claribi.identity.User;
import com.claribi.platform.ClientInfo;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code org}: organizations. */
@Command(name = "org", description = "organizations")
final class OrganizationCommands {

    /** {@code org create}. */
    @Command(name = "create", sortOptions = false, description = "create an organization and its administrator")
    static final class Create implements Callable<Integer> {

        private final Class<?> application;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the organization's name")
        String name;

        @Option(
                names = "--admin-email",
                required = true,
                paramLabel = "EMAIL",
                description = "its administrator's e-mail address")
        String email;

        @Option(
                names = "--password-stdin",
                description = "read the administrator's password from standard input (else asked on the terminal)")
        boolean passwordFromStandardInput;

        @Option(
                names = "--plan",
                paramLabel = "PLAN",
                defaultValue = "professional",
                description = "default: ${DEFAULT-VALUE}")
        String plan;

        @Option(
                names = "--ai-credits",
                paramLabel = "N",
                defaultValue = "1500",
                description = "default: ${DEFAULT-VALUE}")
        String credits;

        Create(Class<?> application) {
            this.application = application;
        }

        @Override
        public Integer call() {
            UsageError.nonBlank(name, "--name");
            UsageError.nonBlank(email, "--admin-email");
            int aiCredits = wholeNumber(credits, "--ai-credits");
            String password = Passwords.read(passwordFromStandardInput);
            try (ConfigurableApplicationContext context = AdminContext.start(application)) {
                User admin = context.getBean(IdentityManagement.class)
                        .createOrganization(
                                name,
                                plan,
                                aiCredits,
                                new IdentityManagement.NewUser(email, password, Role.ADMINISTRATOR, "", ""),
                                ClientInfo.COMMAND_LINE);
                System.out.println("Created organization " + admin.organizationId() + " \"" + name
                        + "\" with administrator " + admin.email() + " (user " + admin.id() + ")");
                return 0;
            }
        }

        private static int wholeNumber(String value, String option) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UsageError(option + " must be a whole number");
            }
        }
    }
}
