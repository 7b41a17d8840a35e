package org.sosops.env.cli.check;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.EnvironmentNames;
import org.sosops.env.cli.support.FindingsOutput;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sosops-env check}: validate one environment (CONTRACT §4). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate one environment's variables against the policy.",
                "Variables come from the files (later files win), then the process environment."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Option(names = "--env-file", paramLabel = "FILE", arity = "1..*",
            description = "A .env file; repeat or list several, later files win.")
    private List<Path> envFiles = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME",
            description = "Validate as this environment (local, dev, staging, prod); APP_ENV must agree.")
    private String environment;

    @Option(names = "--register", paramLabel = "FILE",
            description = "The exception register (default: $SOSOPS_RISKS_DECISIONS_FILE, else "
                    + "master_build/RISKS_DECISIONS.md, else ./RISKS_DECISIONS.md, when one exists).")
    private Path register;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Judge register expiry on this day (YYYY-MM-DD) instead of today, e.g. to see what expires soon.")
    private LocalDate asOf;

    @Override
    public Integer call() {
        EnvironmentPolicyLoader loader = EnvironmentPolicy.loader().envFiles(envFiles).ignoreProcessSettings();
        if (environment != null) {
            loader.expectEnvironment(EnvironmentNames.parseOption(environment));
        }
        if (asOf != null) {
            loader.clock(Clock.fixed(asOf.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
        }
        EnvironmentNames.register(register).ifPresent(loader::register);
        PrintWriter out = spec.commandLine().getOut();
        return FindingsOutput.print(loader.validate(), format, out);
    }
}
