package org.sosops.env.webhooks.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process buckets in a concurrent map. When more than {@code maxTracked} sources are held,
 * buckets that have refilled completely (idle sources) are dropped, so a scan from many addresses
 * cannot grow memory without bound.
 */
final class LocalSourceRateLimiter implements SourceRateLimiter {
    static final int DEFAULT_MAX_TRACKED = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final BucketConfiguration configuration;
    private final TimeMeter timeMeter;
    private final long capacity;
    private final int maxTracked;

    LocalSourceRateLimiter(RateLimitSpec spec, Clock clock, int maxTracked) {
        this.configuration = spec.bucketConfiguration();
        this.timeMeter = ClockTimeMeter.of(clock, false);
        this.capacity = spec.requests();
        this.maxTracked = maxTracked;
    }

    @Override
    public RateDecision tryAcquire(String source) {
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = track(source);
        }
        if (bucket.tryConsume(1)) {
            return RateDecision.ALLOWED;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return RateDecision.limited(Duration.ofNanos(nanos));
    }

    private Bucket track(String source) {
        if (buckets.size() >= maxTracked) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
        }
        return buckets.computeIfAbsent(source, s -> Bucket.builder()
                .withCustomTimePrecision(timeMeter)
                .addLimit(configuration.getBandwidths()[0])
                .build());
    }

    int tracked() {
        return buckets.size();
    }
}
