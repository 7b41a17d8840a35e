package org.sosops.env.promotion.gate;

import java.util.Objects;

/**
 * One risky pattern found in one statement of a migration.
 *
 * @param line      1-based line of the pattern's first key word
 * @param statement the normalized statement (see {@link MigrationScanner#scan(byte[])}), the baseline key
 */
public record RiskyStatement(RiskyPattern pattern, int line, String statement) {
    public RiskyStatement {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(statement, "statement");
    }
}
