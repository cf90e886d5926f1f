package com.claribi.cli;

import com.claribi.identity.Enrollment;
import com.claribi.identity.Role;
import com.claribi.identity.User;
import com.claribi.platform.ClientInfo;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code org}: organizations. */
@Command(name = "org", description = "organizations")
final class OrganizationCommands {

    /** {@code org create}. */
    @Command(name = "create", sortOptions = false, description = "create an organization and its administrator")
    static final class Create extends AdminCommand {

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

        private int aiCredits;
        private String password = "";

        Create(Class<?> application) {
            super(application);
        }

        @Override
        void prepare() {
            UsageError.nonBlank(name, "--name");
            UsageError.nonBlank(email, "--admin-email");
            try {
                aiCredits = Integer.parseInt(credits);
            } catch (NumberFormatException e) {
                throw new UsageError("--ai-credits must be a whole number");
            }
            password = Passwords.read(passwordFromStandardInput);
        }

        @Override
        void run(ConfigurableApplicationContext context) {
            User admin = context.getBean(Enrollment.class)
                    .createOrganization(
                            name,
                            plan,
                            aiCredits,
                            new Enrollment.NewUser(email, password, Role.ADMINISTRATOR, "", ""),
                            ClientInfo.COMMAND_LINE);
            System.out.println("Created organization " + admin.organizationId() + " \"" + name
                    + "\" with administrator " + admin.email() + " (user " + admin.id() + ")");
        }
    }
}
