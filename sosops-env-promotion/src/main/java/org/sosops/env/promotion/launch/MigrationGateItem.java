package org.sosops.env.promotion.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.register.ExceptionRegister;
import org.sosops.env.core.register.RegisterException;
import org.sosops.env.promotion.gate.Baseline;
import org.sosops.env.promotion.gate.GateReport;
import org.sosops.env.promotion.gate.MigrationFinding;
import org.sosops.env.promotion.gate.MigrationGate;

/** The migration safety gate as a checklist item: new risky statements fail it. */
public final class MigrationGateItem implements ChecklistItem {
    private final Optional<Path> directory;
    private final Optional<Path> baseline;
    private Optional<Path> register = Optional.empty();
    private Optional<AppEnv> environment = Optional.empty();
    private Clock clock = Clock.systemUTC();

    /**
     * @param directory the migrations; when empty the item errors (a gate never passes unasked)
     * @param baseline  the baseline; when empty, {@code ./migration-safety-baseline.json} if it exists
     */
    public MigrationGateItem(Optional<Path> directory, Optional<Path> baseline) {
        this.directory = directory;
        this.baseline = baseline;
    }

    /**
     * Applies the exception register: its valid {@code migration-risky} entries for
     * {@code environment} (or {@code all}) waive findings, its broken ones fail the item.
     */
    public MigrationGateItem waivedBy(Optional<Path> register, Optional<AppEnv> environment, Clock clock) {
        this.register = register;
        this.environment = environment;
        this.clock = clock;
        return this;
    }

    @Override
    public String id() {
        return "migrations";
    }

    @Override
    public ItemResult run() {
        if (directory.isEmpty()) {
            return new ItemResult.Errored("no migrations directory given: pass --migrations DIR (or --skip migrations)");
        }
        Baseline reviewed = baseline.map(Baseline::read).orElseGet(() -> Files.isRegularFile(Path.of(Baseline.DEFAULT_FILE))
                ? Baseline.read(Path.of(Baseline.DEFAULT_FILE)) : Baseline.empty());
        GateReport report = MigrationGate.check(directory.get(), reviewed);
        if (register.isPresent()) {
            try {
                report = report.waive(ExceptionRegister.read(register.get()), environment.map(AppEnv::id), clock);
            } catch (RegisterException e) {
                return new ItemResult.Errored(e.getMessage());
            }
        }
        long waived = report.findings().stream().filter(f -> !f.baselined() && f.waiver().isPresent()).count();
        String counts = report.filesScanned() + " files, " + report.findings().size() + " risky statements ("
                + report.findings().stream().filter(MigrationFinding::baselined).count() + " baselined"
                + (waived == 0 ? "" : ", " + waived + " waived") + ")"
                + (report.stale().isEmpty() ? "" : ", " + report.stale().size() + " stale baseline entries");
        java.util.List<String> waivedBy = report.findings().stream().filter(f -> !f.baselined() && f.waiver().isPresent())
                .map(f -> f.file() + ":" + f.line() + " " + f.pattern().label() + " waived by " + f.waiver().get()).toList();
        if (report.ok()) {
            return new ItemResult.Passed("migration gate passed: " + counts
                    + (waivedBy.isEmpty() ? "" : "; " + String.join("; ", waivedBy)));
        }
        java.util.List<String> problems = new java.util.ArrayList<>(report.newFindings().stream()
                .map(MigrationFinding::toString).map(s -> "[migration-risky] " + s).toList());
        report.registerProblems().forEach(p -> problems.add(p.toString()));
        return new ItemResult.Failed("migration gate: " + report.newFindings().size() + " new risky statements; " + counts,
                problems);
    }
}
