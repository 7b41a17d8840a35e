package org.sosops.env.promotion.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sosops.env.core.dotenv.DotEnvException;
import org.sosops.env.core.dotenv.DotEnvReader;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.hygiene.crossenv.CrossEnvironmentCheck;
import org.sosops.env.core.hygiene.example.ExampleFileCheck;
import org.sosops.env.core.hygiene.scan.ScanFindings;
import org.sosops.env.core.hygiene.scan.ScanResult;
import org.sosops.env.core.hygiene.scan.SecretBaseline;
import org.sosops.env.core.hygiene.scan.SourceScanner;
import org.sosops.env.core.register.ExceptionRegister;
import org.sosops.env.core.register.RegisterException;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;

/**
 * Secret hygiene ({@code sosops-env secrets}) as a checklist item: secrets and identities shared
 * across environments (each env file is the environment its {@code APP_ENV} names), real-looking
 * secrets in a {@code .env.example}, and secrets hard-coded in a source tree.
 *
 * <pre>{@code
 * ChecklistItem secrets = new SecretHygieneItem(List.of(Path.of(".env.staging"), Path.of(".env.prod")),
 *         Optional.of(Path.of(".env.example")), Optional.of(Path.of("src")), Optional.empty());
 * }</pre>
 */
public final class SecretHygieneItem implements ChecklistItem {
    /** The rules secret hygiene reports, whose register entries it applies. */
    public static final java.util.Set<RuleId> RULES = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(
            RuleId.SECRET_SHARED, RuleId.IDENTITY_SHARED, RuleId.EXAMPLE_SECRET, RuleId.HARDCODED_SECRET));
    private final List<Path> envFiles;
    private final Optional<Path> example;
    private final Optional<Path> scan;
    private final Optional<Path> baseline;
    private Optional<Path> register = Optional.empty();
    private Clock clock = Clock.systemUTC();

    /**
     * @param envFiles the environments to compare (at least two environments for a comparison)
     * @param baseline reviewed hard-coded secrets of the scan
     */
    public SecretHygieneItem(List<Path> envFiles, Optional<Path> example, Optional<Path> scan, Optional<Path> baseline) {
        this.envFiles = List.copyOf(envFiles);
        this.example = example;
        this.scan = scan;
        this.baseline = baseline;
    }

    /**
     * Applies the exception register: a finding about one environment is waived by a valid entry
     * for it (or {@code all}), an example-file or source finding only by an entry for {@code all};
     * broken entries about the secret rules fail the item.
     */
    public SecretHygieneItem waivedBy(Optional<Path> register, Clock clock) {
        this.register = register;
        this.clock = clock;
        return this;
    }

    @Override
    public String id() {
        return "secrets";
    }

    @Override
    public ItemResult run() {
        if (environmentsCompared() < 2 && example.isEmpty() && scan.isEmpty()) {
            return new ItemResult.Errored("nothing to check: pass --example FILE, --scan DIR or the other environments'"
                    + " files with --compare-env-file (or --skip secrets)");
        }
        List<Finding> findings = new ArrayList<>();
        try {
            findings.addAll(crossEnvironment());
            example.ifPresent(file -> findings.addAll(ExampleFileCheck.check(file)));
            if (scan.isPresent()) {
                if (!Files.isDirectory(scan.get())) {
                    return new ItemResult.Errored(scan.get() + ": " + (Files.exists(scan.get()) ? "not a directory" : "directory not found"));
                }
                ScanResult result = SourceScanner.standard().scan(scan.get());
                Optional<SecretBaseline> reviewed = baseline.map(SecretBaseline::read);
                findings.addAll(ScanFindings.of(result, scan.get().toString().replace('\\', '/'), reviewed));
            }
        } catch (DotEnvException e) {
            return new ItemResult.Errored(e.summary());
        } catch (SecretBaseline.BaselineException e) {
            return new ItemResult.Errored(e.getMessage());
        }
        if (register.isPresent()) {
            try {
                ValidationReport waived = ExceptionRegister.read(register.get()).apply(ValidationReport.of(findings),
                        Optional.empty(), RULES, clock);
                findings.clear();
                findings.addAll(waived.findings());
            } catch (RegisterException e) {
                return new ItemResult.Errored(e.getMessage());
            }
        }
        List<String> problems = findings.stream().filter(Finding::isBlocking).map(Finding::toString).toList();
        String what = String.join(", ", inputs());
        if (problems.isEmpty()) {
            return new ItemResult.Passed("secret hygiene passed (" + what + ")" + waived(findings));
        }
        return new ItemResult.Failed("secret hygiene: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + " (" + what + ")", problems);
    }

    /** The waived findings, named in the summary so that a waiver never hides what it waives. */
    static String waived(List<Finding> findings) {
        List<String> waived = findings.stream().filter(Finding::isWaived)
                .map(f -> "[" + f.rule().id() + "] " + f.variable().orElse(f.location().map(Object::toString).orElse("-"))
                        + f.environment().map(e -> " (" + e + ")").orElse("") + " waived by " + f.waiver().orElseThrow())
                .toList();
        return waived.isEmpty() ? "" : "; " + waived.size() + " waived: " + String.join("; ", waived);
    }

    private List<String> inputs() {
        List<String> inputs = new ArrayList<>();
        if (environmentsCompared() >= 2) {
            inputs.add(environmentsCompared() + " environments compared");
        }
        example.ifPresent(e -> inputs.add("example " + e));
        scan.ifPresent(s -> inputs.add("scan of " + s));
        return inputs;
    }

    private long environmentsCompared() {
        return envFiles.stream().map(f -> {
            try {
                return appEnv(DotEnvReader.read(f));
            } catch (DotEnvException e) {
                return Optional.<AppEnv>empty();
            }
        }).flatMap(Optional::stream).distinct().count();
    }

    private List<Finding> crossEnvironment() {
        if (envFiles.isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        Map<AppEnv, Variables.Builder> environments = new EnumMap<>(AppEnv.class);
        for (Path file : envFiles) {
            List<VariableValue> entries = DotEnvReader.read(file);
            Optional<AppEnv> env = appEnv(entries);
            if (env.isEmpty()) {
                findings.add(Finding.error(RuleId.APP_ENV_INVALID, file + " sets no canonical APP_ENV, so it is not compared")
                        .variable("APP_ENV").build());
                continue;
            }
            // Several files of one environment are one environment: later files win, as in `check`.
            environments.computeIfAbsent(env.get(), e -> Variables.builder()).addAll(entries);
        }
        if (environments.size() < 2) {
            return findings;
        }
        Map<AppEnv, Variables> built = new EnumMap<>(AppEnv.class);
        environments.forEach((env, builder) -> built.put(env, builder.build()));
        findings.addAll(CrossEnvironmentCheck.withRandomSalt().check(built));
        return findings;
    }

    private static Optional<AppEnv> appEnv(List<VariableValue> entries) {
        return entries.stream().filter(v -> v.name().equals("APP_ENV")).findFirst().flatMap(v -> AppEnv.parse(v.value().strip()));
    }
}
