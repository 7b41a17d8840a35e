package org.sosops.env.promotion.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sosops.env.promotion.gate.Baseline;
import org.sosops.env.promotion.gate.GateReport;
import org.sosops.env.promotion.gate.MigrationFinding;
import org.sosops.env.promotion.gate.MigrationGate;

/** The migration safety gate as a checklist item: new risky statements fail it. */
public final class MigrationGateItem implements ChecklistItem {
    private final Optional<Path> directory;
    private final Optional<Path> baseline;

    /**
     * @param directory the migrations; when empty the item errors (a gate never passes unasked)
     * @param baseline  the baseline; when empty, {@code ./migration-safety-baseline.json} if it exists
     */
    public MigrationGateItem(Optional<Path> directory, Optional<Path> baseline) {
        this.directory = directory;
        this.baseline = baseline;
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
        String counts = report.filesScanned() + " files, " + report.findings().size() + " risky statements ("
                + (report.findings().size() - report.newFindings().size()) + " baselined)"
                + (report.stale().isEmpty() ? "" : ", " + report.stale().size() + " stale baseline entries");
        if (report.ok()) {
            return new ItemResult.Passed("migration gate passed: " + counts);
        }
        return new ItemResult.Failed("migration gate: " + report.newFindings().size() + " new risky statements; " + counts,
                report.newFindings().stream().map(MigrationFinding::toString).map(s -> "[migration-risky] " + s).toList());
    }
}
