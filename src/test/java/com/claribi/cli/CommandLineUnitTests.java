package com.claribi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.ClaribiApplication;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/claribi}'s command line parsed in this JVM: every help form of every command, and every misuse refused with
 * the usage and exit code 2 before any command runs (none of these command lines reaches a database or a server, so a
 * run here is the same code path as in the jar, without a JVM start each). {@link CommandLineIntegrationTests} runs one
 * of each kind as a process, through {@code main}, and the commands that act.
 */
class CommandLineUnitTests {

    private static final String SECRET = "Sup3r-Secret-Passphrase-9731";

    @Test
    void helpListsEveryCommand() {
        for (String help : List.of("help", "--help", "-h")) {
            Run run = claribi(help);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.stdout())
                    .contains(
                            "serve",
                            "org create",
                            "user create",
                            "user revoke-sessions",
                            "user deactivate",
                            "user reset-mfa",
                            "keys rotate",
                            "help")
                    .contains("--password-stdin");
            assertThat(run.stderr()).isEmpty();
        }
    }

    @Test
    void helpOfEachCommandInEachFormThenItsUsage() {
        Map<List<String>, List<String>> commands = Map.of(
                List.of("serve"), List.of("--claribi."),
                List.of("org", "create"),
                        List.of("--name", "--admin-email", "--password-stdin", "--plan", "--ai-credits"),
                List.of("user", "create"),
                        List.of("--org", "--email", "--role", "--password-stdin", "--first-name", "--last-name"),
                List.of("user", "revoke-sessions"), List.of("--email"),
                List.of("user", "deactivate"), List.of("--email", "--force"),
                List.of("user", "reset-mfa"), List.of("--email"),
                List.of("keys", "rotate"), List.of("--help"));
        Map<List<String>, String> helps = new HashMap<>();
        commands.forEach((words, options) -> {
            String name = String.join(" ", words);
            for (List<String> args : List.of(append(words, "--help"), append(words, "-h"), prepend("help", words))) {
                Run help = claribi(args.toArray(String[]::new));
                assertThat(help.exitCode()).as(args + ": " + help).isZero();
                assertThat(help.stdout())
                        .as(args.toString())
                        .contains("Usage: bin/claribi " + name)
                        .contains(options);
                assertThat(help.stderr()).as(args.toString()).isEmpty();
                helps.put(args, help.stdout());
            }
        });
        assertThat(helps.get(List.of("user", "create", "--help")))
                .contains("administrator, editor or viewer")
                .contains("the organization's id or name");
        assertThat(helps.get(List.of("help", "user", "create")))
                .isEqualTo(helps.get(List.of("user", "create", "--help")));
    }

    @Test
    void versionInBothFormsThenTheSameLine() {
        Run version = claribi("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).isNotBlank();
        assertThat(claribi("-V")).isEqualTo(version);
    }

    @Test
    void unknownOptionWithValueThenRefusedWithoutEchoingIt() {
        List<List<String>> misuses = List.of(
                List.of("user", "create", "--org", "Acme", "--email", "e@acme.example", "--pasword=" + SECRET),
                List.of("user", "create", "--org", "Acme", "--pasword", SECRET, "--email", "e@acme.example"),
                List.of("user", "create", "--email", "--pasword=" + SECRET),
                List.of("org", "create", "--name", "Acme", "--admin-email", "ops@acme.example", "--password=" + SECRET),
                List.of("user", "reset-mfa", SECRET),
                List.of("keys", "rotate", SECRET));
        for (List<String> args : misuses) {
            Run refused = claribi(args.toArray(String[]::new));
            assertThat(refused.exitCode()).as(args + ": " + refused).isEqualTo(UsageErrors.MISUSED);
            assertThat(refused.stdout() + refused.stderr()).as(args.toString()).doesNotContain(SECRET);
            assertThat(refused.stderr()).as(args.toString()).contains("Usage: bin/claribi");
            if (!args.contains(SECRET)) {
                assertThat(refused.stderr())
                        .as(args.toString())
                        .containsAnyOf("--pasword", "--password-stdin", "Missing --email");
            }
        }
    }

    @Test
    void unknownCommandThenRefusedWithUsage() {
        Map<List<String>, String> named = Map.of(
                List.of("frobnicate"), "Unknown command: frobnicate",
                List.of("user", "delete", "--email", "ops@acme.example"), "Unknown command: user delete",
                List.of("keys", "list"), "Unknown command: keys list",
                List.of("help", "user", "delete"), "delete",
                List.of("user"), "Usage: bin/claribi");
        named.forEach((args, reason) -> {
            Run refused = claribi(args.toArray(String[]::new));
            assertThat(refused.exitCode()).as(args + ": " + refused).isEqualTo(UsageErrors.MISUSED);
            assertThat(refused.stderr()).as(args.toString()).contains("Usage: bin/claribi", reason);
            assertThat(refused.stdout()).as(args.toString()).isEmpty();
        });
    }

    @Test
    void passwordAsArgumentThenMisuseAndPasswordNotEchoed() {
        Run org = claribi("org", "create", "--name", "Acme", "--admin-email", "ops@acme.example", "--password", SECRET);
        assertThat(org.exitCode()).isEqualTo(UsageErrors.MISUSED);
        assertThat(org.stderr()).contains("--password-stdin");
        assertThat(org.stdout() + org.stderr()).doesNotContain(SECRET);
        Run user = claribi(
                "user",
                "create",
                "--org",
                "Acme",
                "--email",
                "e@acme.example",
                "--role",
                "editor",
                "--password",
                SECRET);
        assertThat(user.exitCode()).isEqualTo(UsageErrors.MISUSED);
        assertThat(user.stderr()).contains("--password-stdin");
        assertThat(user.stdout() + user.stderr()).doesNotContain(SECRET);
    }

    @Test
    void unknownOptionOrMissingOptionThenMisuse() {
        Run unknownOption = claribi("keys", "rotate", "--force");
        assertThat(unknownOption.exitCode()).isEqualTo(UsageErrors.MISUSED);
        assertThat(unknownOption.stderr()).contains("--force");
        Run missingOption = claribi("org", "create", "--name", "Acme", "--password-stdin");
        assertThat(missingOption.exitCode()).isEqualTo(UsageErrors.MISUSED);
        assertThat(missingOption.stderr()).contains("--admin-email");
        Run missingValue = claribi("user", "deactivate", "--email");
        assertThat(missingValue.exitCode()).isEqualTo(UsageErrors.MISUSED);
        assertThat(missingValue.stderr()).contains("--email");
    }

    @Test
    void serverSettingsThenServeIsTheCommand() {
        assertThat(CommandLine.isServerSetting("--claribi.port=0")).isTrue();
        assertThat(CommandLine.isServerSetting("--server.tomcat.threads.max=8")).isTrue();
        assertThat(CommandLine.isServerSetting("--pasword=" + SECRET)).isFalse();
        assertThat(CommandLine.isServerSetting("--help")).isFalse();
        assertThat(CommandLine.isServerSetting("user")).isFalse();
    }

    private static Run claribi(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandLine.execute(
                ClaribiApplication.class, args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as("no command of this test may start the server").isNotEqualTo(CommandLine.SERVING);
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> append(List<String> words, String last) {
        List<String> args = new ArrayList<>(words);
        args.add(last);
        return args;
    }

    private static List<String> prepend(String first, List<String> words) {
        List<String> args = new ArrayList<>(List.of(first));
        args.addAll(words);
        return args;
    }

    private record Run(int exitCode, String stdout, String stderr) {}
}
