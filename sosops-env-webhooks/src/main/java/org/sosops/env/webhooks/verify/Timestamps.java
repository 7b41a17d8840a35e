package org.sosops.env.webhooks.verify;

import java.time.Clock;
import java.time.Duration;

/** Checks of signed timestamps (epoch seconds) against a tolerance window. */
final class Timestamps {
    private Timestamps() {
    }

    /** The epoch seconds in the header, or -1 when it is not a plain non-negative number. */
    static long parseEpochSeconds(String value) {
        String text = value.strip();
        if (text.isEmpty() || text.length() > 12) {
            return -1;
        }
        long result = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    static boolean within(long epochSeconds, Clock clock, Duration tolerance) {
        long now = clock.millis() / 1000;
        return Math.abs(now - epochSeconds) <= tolerance.toSeconds();
    }
}
