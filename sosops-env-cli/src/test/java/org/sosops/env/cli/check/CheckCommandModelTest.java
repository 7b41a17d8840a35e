package org.sosops.env.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sosops.env.cli.CliRun.run;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sosops.env.cli.CliRun;
import org.sosops.env.cli.SosOpsEnvCommand;
import org.sosops.env.cli.support.FindingsFormat;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code check}'s model is built in code (for start-up); these pin it to what the annotated
 * command it replaced offered: the same usage help, byte for byte, the same {@code --format} as
 * the annotated findings commands, and typed values.
 */
class CheckCommandModelTest {
    /** {@code sosops-env check --help} as the annotated command printed it. */
    private static final String HELP = """
            Usage: sosops-env check [-hV] [--as-of=DATE] [--env=NAME]
                                    [--format=text|json|sarif|github] [--register=FILE]
                                    [--env-file=FILE...]...
            Validate one environment's variables against the policy.
            Variables come from the files (later files win), then the process environment.
                  --as-of=DATE         Judge register expiry on this day (YYYY-MM-DD)
                                         instead of today, e.g. to see what expires soon.
                  --env=NAME           Validate as this environment (local, dev, staging,
                                         prod); APP_ENV must agree.
                  --env-file=FILE...   A .env file; repeat or list several, later files win.
                  --format=text|json|sarif|github
                                       Output format: text, json, sarif, github (default:
                                         text). sarif is SARIF 2.1.0 for code scanning;
                                         github prints workflow annotations.
              -h, --help               Show this help message and exit.
                  --register=FILE      The exception register (default:
                                         $SOSOPS_RISKS_DECISIONS_FILE, else
                                         master_build/RISKS_DECISIONS.md, else .
                                         /RISKS_DECISIONS.md, when one exists).
              -V, --version            Print version information and exit.
            """;

    @Test
    void usageHelpIsTheAnnotatedCommandsByteForByte() {
        for (String help : List.of("--help", "-h")) {
            CliRun run = run("check", help);
            assertThat(run.code()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).isEqualTo(HELP);
        }
        // -V on check prints nothing (check has no version provider of its own) and exits zero.
        CliRun version = run("check", "-V");
        assertThat(version.code()).isZero();
        assertThat(version.out()).isEmpty();
    }

    @Test
    void formatIsTheSameOptionAsTheAnnotatedFindingsCommands() {
        CommandLine all = SosOpsEnvCommand.commandLine();
        OptionSpec built = all.getSubcommands().get("check").getCommandSpec().findOption("--format");
        OptionSpec annotated = all.getSubcommands().get("secrets").getCommandSpec().findOption("--format");
        assertThat(built.names()).containsExactly(annotated.names());
        assertThat(built.paramLabel()).isEqualTo(annotated.paramLabel());
        assertThat(built.defaultValue()).isEqualTo(annotated.defaultValue());
        assertThat(built.description()).containsExactly(annotated.description());
        assertThat(built.type()).isEqualTo(annotated.type());
        assertThat(built.arity()).isEqualTo(annotated.arity());
        assertThat(built.completionCandidates()).containsExactlyElementsOf(annotated.completionCandidates());
    }

    @Test
    void optionsParseToTypedValues() {
        String[] args = {"check", "--env-file", "a.env", "b.env", "--env-file", "c.env", "--as-of", "2026-03-01",
            "--register", "r.md", "--env", "prod", "--format", "sarif"};
        CommandLine.Model.CommandSpec check = SosOpsEnvCommand.commandLine(args).parseArgs(args)
                .subcommand().commandSpec();
        assertThat(check.findOption("--env-file").<List<Path>>getValue())
                .containsExactly(Path.of("a.env"), Path.of("b.env"), Path.of("c.env"));
        assertThat(check.findOption("--as-of").<LocalDate>getValue()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(check.findOption("--register").<Path>getValue()).isEqualTo(Path.of("r.md"));
        assertThat(check.findOption("--env").<String>getValue()).isEqualTo("prod");
        assertThat(check.findOption("--format").<FindingsFormat>getValue()).isEqualTo(FindingsFormat.sarif);
    }
}
