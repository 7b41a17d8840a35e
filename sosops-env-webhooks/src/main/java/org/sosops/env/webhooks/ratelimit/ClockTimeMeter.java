package org.sosops.env.webhooks.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;

/** Bucket4j time from a {@link Clock}, so tests move time instead of sleeping. */
final class ClockTimeMeter implements TimeMeter {
    private final Clock clock;

    private ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    /** The system clock keeps Bucket4j's own fast meter; any other clock is read through. */
    static TimeMeter of(Clock clock, boolean wallClockRequired) {
        if (clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())) {
            return wallClockRequired ? TimeMeter.SYSTEM_MILLISECONDS : TimeMeter.SYSTEM_NANOTIME;
        }
        return new ClockTimeMeter(clock);
    }

    @Override
    public long currentTimeNanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
