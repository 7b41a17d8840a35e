package org.sosops.env.webhooks.failures;

import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long failure records are kept, written as {@code SOSOPS_WEBHOOK_FAILURE_RETENTION} and
 * {@code failures purge --older-than} take it: a whole number of days or hours, {@code 30d},
 * {@code 12h}. Records hold phone numbers and message text, so they should not outlive their use.
 *
 * <pre>{@code
 * FailureRetention retention = FailureRetention.parse("30d");
 * int deleted = retention.purge(store, Clock.systemUTC());
 * }</pre>
 *
 * @param period records received longer ago than this are deleted
 */
public record FailureRetention(Duration period) {
    public static final String VARIABLE = "SOSOPS_WEBHOOK_FAILURE_RETENTION";
    public static final FailureRetention DEFAULT = new FailureRetention(Duration.ofDays(30));
    private static final Pattern SPEC = Pattern.compile("([1-9][0-9]{0,5})([dh])");

    public FailureRetention {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a failure retention must be positive");
        }
    }

    /**
     * @throws IllegalArgumentException naming the expected form, e.g. {@code 30d} or {@code 12h}
     */
    public static FailureRetention parse(String spec) {
        Matcher m = SPEC.matcher(spec.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a retention is a whole number of days or hours, e.g. 30d or 12h");
        }
        long n = Long.parseLong(m.group(1));
        return new FailureRetention(m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n));
    }

    /** Deletes the records received before now minus the period; returns how many. */
    public int purge(FailureStore store, Clock clock) {
        return store.deleteReceivedBefore(clock.instant().minus(period));
    }

    @Override
    public String toString() {
        long hours = period.toHours();
        return hours % 24 == 0 ? hours / 24 + "d" : hours + "h";
    }
}
