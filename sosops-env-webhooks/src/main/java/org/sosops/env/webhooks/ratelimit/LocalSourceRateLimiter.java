package org.sosops.env.webhooks.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * In-process buckets in a Caffeine cache holding at most {@code maxTracked} of them
 * ({@code maximumSize}), so a scan from many addresses cannot grow memory without bound. Below the
 * cap no bucket is dropped; beyond it, a scan can push out a limited source's bucket, which starts
 * full again (whoever has more addresses than the cap has that many budgets anyway).
 *
 * <p>Buckets are not expired when idle ({@code expireAfterAccess}). A bucket idle for one period
 * has refilled, so dropping it would change no decision; but expiry reads the clock and reorders
 * Caffeine's access queue on every request, which doubled the cost of a decision (JMH,
 * {@code RateLimitBenchmark}), while the memory it would give back is already bounded by the cap.
 */
final class LocalSourceRateLimiter implements SourceRateLimiter {
    static final int DEFAULT_MAX_TRACKED = 100_000;

    private final Cache<String, Bucket> buckets;
    private final BucketConfiguration configuration;
    private final TimeMeter timeMeter;
    /** Made once: a lambda written at the call would be a new object on every request. */
    private final Function<String, Bucket> bucketForNewSource = source -> newBucket();

    LocalSourceRateLimiter(RateLimitSpec spec, Clock clock, int maxTracked) {
        this.configuration = spec.bucketConfiguration();
        this.timeMeter = ClockTimeMeter.of(clock, false);
        this.buckets = Caffeine.newBuilder().maximumSize(maxTracked).build();
    }

    @Override
    public RateDecision tryAcquire(String source) {
        Bucket bucket = buckets.get(source, bucketForNewSource);
        if (bucket.tryConsume(1)) {
            return RateDecision.ALLOWED;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return RateDecision.limited(Duration.ofNanos(nanos));
    }

    private Bucket newBucket() {
        return Bucket.builder().withCustomTimePrecision(timeMeter).addLimit(configuration.getBandwidths()[0]).build();
    }

    /** Buckets held now (after pending evictions), for tests. */
    long tracked() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
