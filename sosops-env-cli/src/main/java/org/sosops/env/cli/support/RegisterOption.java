package org.sosops.env.cli.support;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.sosops.env.core.register.ExceptionRegister;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.promotion.gate.GateReport;
import picocli.CommandLine.Option;

/**
 * {@code --register FILE}: the exception register a command applies. Without the option:
 * {@code SOSOPS_RISKS_DECISIONS_FILE}, else {@code master_build/RISKS_DECISIONS.md}, else
 * {@code ./RISKS_DECISIONS.md}, when one exists. Waived findings stay in the output, marked.
 */
public final class RegisterOption {
    @Option(names = "--register", paramLabel = "FILE",
            description = "The exception register (default: $SOSOPS_RISKS_DECISIONS_FILE, else "
                    + "master_build/RISKS_DECISIONS.md, else ./RISKS_DECISIONS.md, when one exists).")
    private Path register;

    /** The register that applies, if any. */
    public Optional<Path> file() {
        return EnvironmentNames.register(register);
    }

    /**
     * Waives the report's findings and adds the broken entries about {@code rules}.
     *
     * @throws org.sosops.env.core.register.RegisterException when the named register cannot be read
     */
    public ValidationReport apply(ValidationReport report, Optional<String> environment, Set<RuleId> rules) {
        Optional<Path> file = file();
        return file.isEmpty() ? report
                : ExceptionRegister.read(file.get()).apply(report, environment, rules, Clock.systemUTC());
    }

    /** Waives reviewed risky statements and adds the broken {@code migration-risky} entries. */
    public GateReport apply(GateReport report, Optional<String> environment) {
        Optional<Path> file = file();
        return file.isEmpty() ? report : report.waive(ExceptionRegister.read(file.get()), environment, Clock.systemUTC());
    }
}
