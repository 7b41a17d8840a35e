package org.sosops.env.cli.check;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.EnvironmentNames;
import org.sosops.env.cli.support.FindingsFormat;
import org.sosops.env.cli.support.FindingsFormatOption;
import org.sosops.env.cli.support.FindingsOutput;
import org.sosops.env.cli.support.StandardHelpOptions;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code sosops-env check}: validate one environment (docs/cli.md).
 *
 * <p>Unlike the other commands, its picocli model is built in code rather than read from
 * annotations: {@code check} is the command run on every deploy and in CI, and reading
 * annotations (picocli generates a proxy class per annotation type at run time) was the largest
 * part of its start-up. Usage help and parsing are the same as an annotated command's.
 */
public final class CheckCommand implements Callable<Integer> {
    private static final String ENV_FILE = "--env-file";
    private static final String ENV = "--env";
    private static final String REGISTER = "--register";
    private static final String AS_OF = "--as-of";
    private static final String FORMAT = "--format";

    private final CommandSpec spec;

    private CheckCommand() {
        spec = CommandSpec.wrapWithoutInspection(this).name("check");
        spec.usageMessage().description("Validate one environment's variables against the policy.",
                "Variables come from the files (later files win), then the process environment.");
        spec.addOption(FindingsFormatOption.spec());
        spec.addOption(OptionSpec.builder(ENV_FILE).type(List.class).auxiliaryTypes(Path.class)
                .arity("1..*").paramLabel("FILE")
                .description("A .env file; repeat or list several, later files win.").build());
        spec.addOption(OptionSpec.builder(ENV).type(String.class).paramLabel("NAME")
                .description("Validate as this environment (local, dev, staging, prod); APP_ENV must agree.").build());
        spec.addOption(OptionSpec.builder(REGISTER).type(Path.class).paramLabel("FILE")
                .description("The exception register (default: $SOSOPS_RISKS_DECISIONS_FILE, else "
                        + "master_build/RISKS_DECISIONS.md, else ./RISKS_DECISIONS.md, when one exists).").build());
        spec.addOption(OptionSpec.builder(AS_OF).type(LocalDate.class).paramLabel("DATE")
                .description("Judge register expiry on this day (YYYY-MM-DD) instead of today, e.g. to see what expires soon.")
                .build());
        StandardHelpOptions.addTo(spec);
    }

    /** A new {@code check} command's model, for {@code CommandLine.addSubcommand}. */
    public static CommandSpec spec() {
        return new CheckCommand().spec;
    }

    @Override
    public Integer call() {
        List<Path> envFiles = value(ENV_FILE);
        String environment = value(ENV);
        LocalDate asOf = value(AS_OF);
        Path register = value(REGISTER);
        EnvironmentPolicyLoader loader = EnvironmentPolicy.loader()
                .envFiles(envFiles == null ? List.of() : envFiles).ignoreProcessSettings();
        if (environment != null) {
            loader.expectEnvironment(EnvironmentNames.parseOption(environment));
        }
        if (asOf != null) {
            loader.clock(Clock.fixed(asOf.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
        }
        EnvironmentNames.register(register).ifPresent(loader::register);
        PrintWriter out = spec.commandLine().getOut();
        FindingsFormat format = value(FORMAT);
        return FindingsOutput.print(loader.validate(), new FindingsFormatOption(format), out);
    }

    /** The parsed value of option {@code name} (its default when absent, {@code null} when it has none). */
    private <T> T value(String name) {
        return spec.findOption(name).getValue();
    }
}
