package org.sosops.env.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Subcommands registered by name, and only the named one built for a run. */
class SosOpsEnvCommandTest {
    @Test
    void everyRegisteredNameIsTheNameItsCommandDeclares() {
        SosOpsEnvCommand.SUBCOMMANDS.forEach((name, type) ->
                assertThat(new CommandLine(SosOpsEnvCommand.command(type)).getCommandName()).as(name).isEqualTo(name));
    }

    @Test
    void theRootsHelpAndVersionAreThoseOfTheAnnotatedRootItReplaced() {
        CliRun help = CliRun.run("--help");
        assertThat(help.out()).startsWith("""
                Usage: sosops-env [-hV] [COMMAND]
                Environment policy checks for campaign-operations applications.
                  -h, --help      Show this help message and exit.
                  -V, --version   Print version information and exit.
                Commands:
                  check         Validate one environment's variables against the policy.
                """);
        assertThat(CliRun.run("-h").out()).isEqualTo(help.out());
        CliRun version = CliRun.run("-V");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("sosops-env ").isEqualTo(CliRun.run("--version").out());
        CliRun none = CliRun.run();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("sosops-env: Missing required subcommand (see --help)\n");
    }

    @Test
    void aRunNamingASubcommandBuildsOnlyThatOne() {
        assertThat(SosOpsEnvCommand.commandLine("check", "--env-file", "x.env").getSubcommands())
                .containsOnlyKeys("check");
        assertThat(SosOpsEnvCommand.commandLine("--help").getSubcommands())
                .containsOnlyKeys(SosOpsEnvCommand.SUBCOMMANDS.keySet());
        // An option value that happens to be a command's name is not mistaken for the command.
        assertThat(SosOpsEnvCommand.commandLine("webhooks", "verify", "--provider", "check").getSubcommands())
                .containsOnlyKeys("webhooks");
    }

    @Test
    void helpAndUnknownCommandsStillSeeEveryCommand() {
        CliRun help = CliRun.run("--help");
        assertThat(help.code()).isZero();
        SosOpsEnvCommand.SUBCOMMANDS.keySet().forEach(name -> assertThat(help.out()).contains(name));

        CliRun unknown = CliRun.run("chek", "--env-file", "x.env");
        assertThat(unknown.code()).isEqualTo(2);
        // Arguments are named by position only (they may hold a URL with a password), as before.
        assertThat(unknown.err()).contains("unexpected arguments at positions 1, ");
    }

    @Test
    void theLazyLineParsesLikeTheFullOne() {
        String[] args = {"check", "--env-file", "a.env", "--env-file", "b.env", "--format", "json"};
        CommandLine.ParseResult lazy = SosOpsEnvCommand.commandLine(args).parseArgs(args);
        CommandLine.ParseResult full = SosOpsEnvCommand.commandLine().parseArgs(args);
        assertThat(lazy.subcommand().matchedOptions()).hasSameSizeAs(full.subcommand().matchedOptions());
        assertThat(lazy.subcommand().originalArgs()).isEqualTo(full.subcommand().originalArgs());
    }
}
