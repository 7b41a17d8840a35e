package org.sosops.env.promotion.launch;

import java.util.List;
import java.util.Objects;

/** What one checklist item concluded. */
public sealed interface ItemResult {
    /** A one-line summary. */
    String summary();

    /** The item holds. */
    record Passed(String summary) implements ItemResult {
        public Passed {
            Objects.requireNonNull(summary);
        }
    }

    /** The item does not hold; {@code problems} lists every reason. */
    record Failed(String summary, List<String> problems) implements ItemResult {
        public Failed {
            Objects.requireNonNull(summary);
            problems = List.copyOf(problems);
        }
    }

    /** The item could not be judged: its input is missing, malformed or unreachable. Never a pass. */
    record Errored(String summary) implements ItemResult {
        public Errored {
            Objects.requireNonNull(summary);
        }
    }

    /** Deliberately not run ({@code --skip}), or optional and not asked for. */
    record Skipped(String summary) implements ItemResult {
        public Skipped {
            Objects.requireNonNull(summary);
        }
    }
}
