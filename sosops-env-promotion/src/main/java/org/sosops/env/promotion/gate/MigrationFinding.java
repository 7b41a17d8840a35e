package org.sosops.env.promotion.gate;

import java.util.Objects;
import java.util.Optional;

/**
 * A risky statement found by the gate, with whether the baseline already records it and whether
 * an exception-register entry waives it.
 *
 * @param file      the migration's path relative to the scanned directory, with {@code /} separators
 * @param baselined true when the baseline holds this file and statement (reviewed; does not fail the gate)
 * @param waiver    the register entry that waives it, if any (it then does not fail the gate either)
 */
public record MigrationFinding(String file, int line, RiskyPattern pattern, String statement, boolean baselined,
                               Optional<String> waiver) {
    public MigrationFinding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(waiver, "waiver");
    }

    public MigrationFinding(String file, int line, RiskyPattern pattern, String statement, boolean baselined) {
        this(file, line, pattern, statement, baselined, Optional.empty());
    }

    /** Neither baselined nor waived: what fails the gate. */
    public boolean isNew() {
        return !baselined && waiver.isEmpty();
    }

    public MigrationFinding waivedBy(String entry) {
        return new MigrationFinding(file, line, pattern, statement, baselined, Optional.of(entry));
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + pattern.label() + (baselined ? " (baselined)" : "") + ": " + statement
                + waiver.map(w -> " (waived by " + w + ")").orElse("");
    }
}
