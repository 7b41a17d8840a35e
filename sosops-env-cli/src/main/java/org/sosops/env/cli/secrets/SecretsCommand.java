package org.sosops.env.cli.secrets;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.FindingsOutput;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.cli.support.RegisterOption;
import org.sosops.env.promotion.launch.SecretHygieneItem;
import org.sosops.env.core.dotenv.DotEnvReader;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.hygiene.crossenv.CrossEnvironmentCheck;
import org.sosops.env.core.hygiene.example.ExampleFileCheck;
import org.sosops.env.core.hygiene.scan.ScanFindings;
import org.sosops.env.core.hygiene.scan.ScanResult;
import org.sosops.env.core.hygiene.scan.SecretBaseline;
import org.sosops.env.core.hygiene.scan.SourceScanner;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sosops-env secrets}: secret hygiene across environments, example files and source (CONTRACT §4). */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = {"Secret hygiene: secrets or identities shared across environments (each --env-file is the",
                "environment its APP_ENV names), real-looking secrets in a .env.example, and secrets",
                "hard-coded in a source tree. Any one of the three inputs alone is a valid call."},
        subcommands = FingerprintCommand.class)
public final class SecretsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Mixin
    private RegisterOption register;

    @Option(names = "--env-file", paramLabel = "FILE", arity = "1..*",
            description = "An environment's .env file; its APP_ENV names the environment. Repeat per environment.")
    private List<Path> envFiles = new ArrayList<>();

    @Option(names = "--example", paramLabel = "FILE", description = "A .env.example to check for real-looking secrets.")
    private Path example;

    @Option(names = "--scan", paramLabel = "DIR", description = "A source tree to scan for hard-coded secrets.")
    private Path scan;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Reviewed hard-coded secrets (file + salted hash) that do not fail the scan.")
    private Path baseline;

    @Option(names = "--write-baseline",
            description = "Write every secret the scan finds to --baseline (after review), then exit 0.")
    private boolean writeBaseline;

    @Override
    public Integer call() {
        if (envFiles.isEmpty() && example == null && scan == null) {
            throw new InputException("give at least one of --env-file, --example or --scan");
        }
        if ((baseline != null || writeBaseline) && scan == null) {
            throw new InputException("--baseline and --write-baseline apply to --scan; give --scan DIR");
        }
        if (writeBaseline && baseline == null) {
            throw new InputException("--write-baseline needs --baseline FILE to write to");
        }
        List<Finding> findings = new ArrayList<>();
        if (!envFiles.isEmpty()) {
            findings.addAll(crossEnvironment());
        }
        if (example != null) {
            findings.addAll(ExampleFileCheck.check(example));
        }
        if (scan != null) {
            Optional<Integer> written = scanTree(findings);
            if (written.isPresent()) {
                return written.get();
            }
        }
        ValidationReport report = register.apply(ValidationReport.of(findings), Optional.empty(), SecretHygieneItem.RULES);
        return FindingsOutput.print(report, format, spec.commandLine().getOut());
    }

    private List<Finding> crossEnvironment() {
        List<Finding> findings = new ArrayList<>();
        Map<AppEnv, Variables.Builder> environments = new EnumMap<>(AppEnv.class);
        for (Path file : envFiles) {
            List<VariableValue> entries = DotEnvReader.read(file);
            Optional<VariableValue> appEnv = entries.stream().filter(v -> v.name().equals("APP_ENV")).findFirst();
            Optional<AppEnv> env = appEnv.flatMap(v -> AppEnv.parse(v.value().strip()));
            if (env.isEmpty()) {
                findings.add(Finding.error(RuleId.APP_ENV_INVALID, appEnv.isEmpty()
                                ? "the file sets no APP_ENV, so its environment is unknown and it is not compared"
                                : "APP_ENV is not one of local, dev, staging, prod, so the file is not compared"
                                + AppEnv.closestTo(appEnv.get().value()).map(e -> " (did you mean " + e.id() + "?)").orElse(""))
                        .variable("APP_ENV")
                        .at(appEnv.flatMap(VariableValue::location).orElse(Location.file(file.toString())))
                        .build());
                continue;
            }
            // Several files of one environment are one environment: later files win, as in `check`.
            environments.computeIfAbsent(env.get(), e -> Variables.builder()).addAll(entries);
        }
        Map<AppEnv, Variables> built = new EnumMap<>(AppEnv.class);
        environments.forEach((env, builder) -> built.put(env, builder.build()));
        findings.addAll(CrossEnvironmentCheck.withRandomSalt().check(built));
        return findings;
    }

    /** Scans; returns an exit code when the run ends here (baseline written). */
    private Optional<Integer> scanTree(List<Finding> findings) {
        if (!Files.isDirectory(scan)) {
            throw new InputException(scan + ": " + (Files.exists(scan) ? "not a directory" : "directory not found"));
        }
        ScanResult result = SourceScanner.standard().scan(scan);
        if (writeBaseline) {
            SecretBaseline written = SecretBaseline.of(result.secrets().stream().filter(s -> !s.allowed()).toList());
            try {
                written.write(baseline);
            } catch (SecretBaseline.BaselineException e) {
                throw new InputException(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("wrote " + written.entries().size() + " reviewed secret(s) to " + baseline);
            out.flush();
            return Optional.of(0);
        }
        Optional<SecretBaseline> reviewed = Optional.empty();
        if (baseline != null) {
            try {
                reviewed = Optional.of(SecretBaseline.read(baseline));
            } catch (SecretBaseline.BaselineException e) {
                throw new InputException(e.getMessage());
            }
        }
        findings.addAll(ScanFindings.of(result, display(scan), reviewed));
        return Optional.empty();
    }

    private static String display(Path dir) {
        return dir.toString().replace(dir.getFileSystem().getSeparator(), "/");
    }
}
