package org.sosops.env.webhooks.ratelimit;

import java.time.Duration;

/**
 * Whether one request may pass, and if not, how long until it may ({@code Retry-After}).
 *
 * @param allowed    the request took a token
 * @param retryAfter zero when allowed; otherwise the wait, rounded up to whole seconds by callers
 */
public record RateDecision(boolean allowed, Duration retryAfter) {
    public static final RateDecision ALLOWED = new RateDecision(true, Duration.ZERO);

    public static RateDecision limited(Duration retryAfter) {
        return new RateDecision(false, retryAfter);
    }

    /** {@code Retry-After} in whole seconds, at least 1. */
    public long retryAfterSeconds() {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }
}
