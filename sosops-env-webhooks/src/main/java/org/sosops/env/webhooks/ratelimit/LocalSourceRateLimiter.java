package org.sosops.env.webhooks.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * In-process buckets in a Caffeine cache: a bucket idle for one period has refilled completely, so
 * it expires then ({@code expireAfterAccess}) without changing any decision; and at most
 * {@code maxTracked} buckets are held ({@code maximumSize}), so a scan from many addresses cannot
 * grow memory without bound.
 */
final class LocalSourceRateLimiter implements SourceRateLimiter {
    static final int DEFAULT_MAX_TRACKED = 100_000;

    private final Cache<String, Bucket> buckets;
    private final BucketConfiguration configuration;
    private final TimeMeter timeMeter;

    LocalSourceRateLimiter(RateLimitSpec spec, Clock clock, int maxTracked) {
        this.configuration = spec.bucketConfiguration();
        this.timeMeter = ClockTimeMeter.of(clock, false);
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .expireAfterAccess(spec.period())
                .maximumSize(maxTracked);
        if (!(clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone()))) {
            builder.ticker(new ClockTicker(clock)).executor(Runnable::run);
        }
        this.buckets = builder.build();
    }

    @Override
    public RateDecision tryAcquire(String source) {
        Bucket bucket = buckets.get(source, s -> Bucket.builder()
                .withCustomTimePrecision(timeMeter)
                .addLimit(configuration.getBandwidths()[0])
                .build());
        if (bucket.tryConsume(1)) {
            return RateDecision.ALLOWED;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return RateDecision.limited(Duration.ofNanos(nanos));
    }

    /** Buckets held now (after pending evictions), for tests. */
    long tracked() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private record ClockTicker(Clock clock) implements Ticker {
        @Override
        public long read() {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
    }
}
