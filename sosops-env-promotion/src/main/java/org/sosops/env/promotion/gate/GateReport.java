package org.sosops.env.promotion.gate;

import java.util.List;

/**
 * The gate's answer for one directory: every finding (baselined or new), the stale baseline
 * entries, and how many files were scanned. Only new findings fail it; stale entries are listed.
 */
public record GateReport(List<MigrationFinding> findings, List<BaselineEntry> stale, int filesScanned) {
    public GateReport {
        findings = List.copyOf(findings);
        stale = List.copyOf(stale);
    }

    /** True when every finding is in the baseline. */
    public boolean ok() {
        return findings.stream().allMatch(MigrationFinding::baselined);
    }

    public List<MigrationFinding> newFindings() {
        return findings.stream().filter(f -> !f.baselined()).toList();
    }

    /** One line per finding and stale entry, then a verdict; {@code root} prefixes file names. */
    public String toText(String root) {
        StringBuilder text = new StringBuilder();
        for (MigrationFinding f : findings) {
            text.append(f.baselined() ? "baselined " : "error [migration-risky] ").append(root).append(f.file())
                    .append(':').append(f.line()).append(": ").append(f.pattern().label()).append(": ")
                    .append(f.statement()).append('\n');
        }
        for (BaselineEntry entry : stale) {
            text.append("stale baseline entry (no longer found): ").append(entry.file()).append(": ")
                    .append(entry.statement()).append('\n');
        }
        long fresh = newFindings().size();
        if (fresh == 0) {
            text.append("OK: ").append(filesScanned).append(filesScanned == 1 ? " file" : " files").append(" scanned");
        } else {
            text.append(fresh).append(fresh == 1 ? " risky statement" : " risky statements")
                    .append(" not in the baseline (").append(filesScanned).append(" files scanned)");
        }
        long baselined = findings.size() - fresh;
        if (baselined > 0) {
            text.append(", ").append(baselined).append(" baselined");
        }
        if (!stale.isEmpty()) {
            text.append(", ").append(stale.size()).append(" stale baseline ").append(stale.size() == 1 ? "entry" : "entries");
        }
        return text.toString();
    }
}
