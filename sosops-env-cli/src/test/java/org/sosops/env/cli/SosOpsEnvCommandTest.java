package org.sosops.env.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

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

    @Test
    void everyOptionWhoseBuiltInConverterTheLauncherLeavesOutBringsItsOwn() {
        Pattern excluded = Pattern.compile(Main.UNUSED_CONVERTERS);
        List<String> withoutConverter = new ArrayList<>();
        List<String> types = new ArrayList<>();
        collectArgumentTypes(SosOpsEnvCommand.commandLine(), withoutConverter, types, excluded);
        assertThat(types).contains("java.nio.file.Path", "java.time.LocalDate");
        assertThat(withoutConverter).isEmpty();
        assertThat(excluded.matcher("java.time.MonthDay").matches()).isTrue();
        assertThat(excluded.matcher("java.sql.Timestamp").matches()).isTrue();
        assertThat(excluded.matcher("java.nio.file.Path").matches()).isFalse();
    }

    @Test
    void aDateOptionStillConvertsWhenTheUnusedConvertersAreLeftOut() throws Exception {
        CliRun run = CliRun.runInNewJvm(java.util.Map.of(), "check", "--env-file",
                CliRun.sample("staging.env").toString(), "--as-of", "2026-01-31");
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(CliRun.runInNewJvm(java.util.Map.of(), "check", "--as-of", "31/01/2026").err())
                .contains("--as-of");
    }

    private static void collectArgumentTypes(CommandLine line, List<String> withoutConverter, List<String> types,
                                             Pattern excluded) {
        for (ArgSpec arg : line.getCommandSpec().args()) {
            List<Class<?>> argTypes = new ArrayList<>(List.of(arg.auxiliaryTypes()));
            argTypes.add(arg.type());
            for (Class<?> type : argTypes) {
                types.add(type.getName());
                if (excluded.matcher(type.getName()).matches() && arg.converters().length == 0) {
                    withoutConverter.add(line.getCommandSpec().qualifiedName() + " " + arg + ": " + type.getName());
                }
            }
        }
        line.getSubcommands().values().forEach(sub -> collectArgumentTypes(sub, withoutConverter, types, excluded));
    }
}
