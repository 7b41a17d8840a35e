package org.sosops.env.promotion.gate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sosops.env.core.register.ExceptionRegister;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;

/**
 * The gate's answer for one directory: every finding (baselined, waived or new), the stale
 * baseline entries, how many files were scanned, and the exception-register entries about
 * {@code migration-risky} that waive nothing. New findings and broken entries fail it; stale
 * entries are listed.
 */
public record GateReport(List<MigrationFinding> findings, List<BaselineEntry> stale, int filesScanned,
                         List<Finding> registerProblems) {
    public GateReport {
        findings = List.copyOf(findings);
        stale = List.copyOf(stale);
        registerProblems = List.copyOf(registerProblems);
    }

    public GateReport(List<MigrationFinding> findings, List<BaselineEntry> stale, int filesScanned) {
        this(findings, stale, filesScanned, List.of());
    }

    /** True when every finding is baselined or waived and no register entry about migrations is broken. */
    public boolean ok() {
        return findings.stream().noneMatch(MigrationFinding::isNew) && registerProblems.isEmpty();
    }

    public List<MigrationFinding> newFindings() {
        return findings.stream().filter(MigrationFinding::isNew).toList();
    }

    /**
     * Applies the exception register: a valid {@code migration-risky} entry for {@code environment}
     * (or for {@code all}; without an environment only {@code all}) whose {@code Variable:} names the
     * migration's file or the statement (none: every statement) waives the finding, which stays in
     * the report marked with the entry.
     */
    public GateReport waive(ExceptionRegister register, Optional<String> environment, Clock clock) {
        List<MigrationFinding> marked = new ArrayList<>();
        for (MigrationFinding finding : findings) {
            if (finding.baselined() || finding.waiver().isPresent()) {
                marked.add(finding);
                continue;
            }
            String name = finding.file().substring(finding.file().lastIndexOf('/') + 1);
            marked.add(register.waiverFor(RuleId.MIGRATION_RISKY, environment,
                            List.of(finding.file(), name, finding.statement()), clock)
                    .map(entry -> finding.waivedBy(entry.reference())).orElse(finding));
        }
        List<Finding> problems = new ArrayList<>(registerProblems);
        problems.addAll(register.problems(environment, Set.of(RuleId.MIGRATION_RISKY), clock));
        return new GateReport(marked, stale, filesScanned, problems);
    }

    /** One line per finding and stale entry, then a verdict; {@code root} prefixes file names. */
    public String toText(String root) {
        StringBuilder text = new StringBuilder();
        for (MigrationFinding f : findings) {
            text.append(f.baselined() ? "baselined " : "error [migration-risky] ").append(root).append(f.file())
                    .append(':').append(f.line()).append(": ").append(f.pattern().label()).append(": ")
                    .append(f.statement());
            f.waiver().filter(w -> !f.baselined()).ifPresent(w -> text.append(" (waived by ").append(w).append(')'));
            text.append('\n');
        }
        for (Finding problem : registerProblems) {
            text.append(problem).append('\n');
        }
        for (BaselineEntry entry : stale) {
            text.append("stale baseline entry (no longer found): ").append(entry.file()).append(": ")
                    .append(entry.statement()).append('\n');
        }
        long fresh = newFindings().size();
        if (fresh == 0 && registerProblems.isEmpty()) {
            text.append("OK: ").append(filesScanned).append(filesScanned == 1 ? " file" : " files").append(" scanned");
        } else if (fresh == 0) {
            text.append(registerProblems.size()).append(" exception register ")
                    .append(registerProblems.size() == 1 ? "entry waives" : "entries waive").append(" nothing (")
                    .append(filesScanned).append(" files scanned)");
        } else {
            text.append(fresh).append(fresh == 1 ? " risky statement" : " risky statements")
                    .append(" not in the baseline (").append(filesScanned).append(" files scanned)");
            if (!registerProblems.isEmpty()) {
                text.append(", ").append(registerProblems.size()).append(" broken register ")
                        .append(registerProblems.size() == 1 ? "entry" : "entries");
            }
        }
        long baselined = findings.stream().filter(MigrationFinding::baselined).count();
        if (baselined > 0) {
            text.append(", ").append(baselined).append(" baselined");
        }
        long waived = findings.stream().filter(f -> !f.baselined() && f.waiver().isPresent()).count();
        if (waived > 0) {
            text.append(", ").append(waived).append(" waived");
        }
        if (!stale.isEmpty()) {
            text.append(", ").append(stale.size()).append(" stale baseline ").append(stale.size() == 1 ? "entry" : "entries");
        }
        return text.toString();
    }
}
