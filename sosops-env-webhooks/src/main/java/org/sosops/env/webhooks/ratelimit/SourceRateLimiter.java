package org.sosops.env.webhooks.ratelimit;

/**
 * One token bucket per source (address or any other key). Implementations are thread-safe.
 *
 * <pre>{@code
 * SourceRateLimiter limiter = SourceRateLimiter.inMemory(RateLimitSpec.parse("30/1m"), Clock.systemUTC());
 * if (!limiter.tryAcquire("203.0.113.9").allowed()) { ... 429 ... }
 * }</pre>
 */
public interface SourceRateLimiter {

    RateDecision tryAcquire(String source);

    /** Buckets in this process: right for one instance. */
    static SourceRateLimiter inMemory(RateLimitSpec spec, java.time.Clock clock) {
        return new LocalSourceRateLimiter(spec, clock, LocalSourceRateLimiter.DEFAULT_MAX_TRACKED);
    }

    /** Never limits: environments whose policy turns rate limiting off (local). */
    static SourceRateLimiter unlimited() {
        return source -> RateDecision.ALLOWED;
    }
}
