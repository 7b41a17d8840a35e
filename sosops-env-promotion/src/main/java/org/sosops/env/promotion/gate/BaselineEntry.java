package org.sosops.env.promotion.gate;

import java.util.List;
import java.util.Objects;

/**
 * A reviewed finding: a file and a normalized statement (never a line number, so moving the
 * statement inside its file keeps it reviewed, while the same statement in another file is new).
 *
 * @param patterns the patterns the statement matched when it was recorded (for readers; not part of the key)
 */
public record BaselineEntry(String file, String statement, List<String> patterns) {
    public BaselineEntry {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(statement, "statement");
        patterns = List.copyOf(patterns);
    }

    /** The key findings are matched on. */
    public Key key() {
        return new Key(file, statement);
    }

    /** File plus normalized statement. */
    public record Key(String file, String statement) {
    }
}
