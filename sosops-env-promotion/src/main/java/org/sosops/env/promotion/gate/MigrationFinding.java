package org.sosops.env.promotion.gate;

import java.util.Objects;

/**
 * A risky statement found by the gate, with whether the baseline already records it.
 *
 * @param file      the migration's path relative to the scanned directory, with {@code /} separators
 * @param baselined true when the baseline holds this file and statement (reviewed; does not fail the gate)
 */
public record MigrationFinding(String file, int line, RiskyPattern pattern, String statement, boolean baselined) {
    public MigrationFinding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(statement, "statement");
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + pattern.label() + (baselined ? " (baselined)" : "") + ": " + statement;
    }
}
