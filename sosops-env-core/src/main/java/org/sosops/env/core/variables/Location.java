package org.sosops.env.core.variables;

import java.util.Objects;
import java.util.OptionalInt;

/** Where something was read: a file and, when known, a 1-based line. */
public record Location(String file, OptionalInt line) {
    public Location {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(line, "line");
    }

    public static Location of(String file, int line) {
        return new Location(file, line > 0 ? OptionalInt.of(line) : OptionalInt.empty());
    }

    public static Location file(String file) {
        return new Location(file, OptionalInt.empty());
    }

    @Override
    public String toString() {
        return line.isPresent() ? file + ":" + line.getAsInt() : file;
    }
}
