package org.sosops.env.promotion.smoke;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The outcome of one smoke check.
 *
 * @param status      the last HTTP status, empty when no answer came (connection error, timeout) or skipped
 * @param attempts    how many requests were made
 * @param noResponse  true when no attempt got any HTTP answer
 */
public record SmokeResult(String name, String path, Outcome outcome, OptionalInt status, int attempts, String message,
                          boolean noResponse) {
    public SmokeResult {
        Objects.requireNonNull(name);
        Objects.requireNonNull(path);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(message);
    }

    /** Passed, failed, or not run for want of a token or an organization id. */
    public enum Outcome {
        PASSED, FAILED, SKIPPED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
