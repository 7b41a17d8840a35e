package org.sosops.env.flags.overrides;

import java.util.List;
import java.util.Objects;

/** The outcome of parsing the override variables: usable overrides, or every problem found. */
public sealed interface OverridesParse {
    record Parsed(Overrides overrides) implements OverridesParse {
        public Parsed {
            Objects.requireNonNull(overrides, "overrides");
        }
    }

    record Invalid(List<OverrideProblem> problems) implements OverridesParse {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid parse has at least one problem");
            }
        }
    }
}
