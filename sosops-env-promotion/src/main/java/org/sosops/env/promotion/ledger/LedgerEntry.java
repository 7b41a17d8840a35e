package org.sosops.env.promotion.ledger;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One piece of promotion evidence: a check's result for an exact commit in an environment.
 *
 * @param check  e.g. {@code smoke} (the whole smoke run) or {@code smoke:health} (one check)
 */
public record LedgerEntry(String commit, String environment, String check, Result result, Instant recordedAt) {
    public LedgerEntry {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    public enum Result {
        PASS, FAIL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
