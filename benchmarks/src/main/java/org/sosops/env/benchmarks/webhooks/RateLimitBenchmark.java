package org.sosops.env.benchmarks.webhooks;

import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sosops.env.webhooks.ratelimit.RateDecision;
import org.sosops.env.webhooks.ratelimit.RateLimitSpec;
import org.sosops.env.webhooks.ratelimit.SourceRateLimiter;

/**
 * The per-request rate-limit check for one source among 10,000 tracked sources, against a bare
 * Bucket4j tryConsume on a single bucket of the same configuration. The rate is high enough that
 * every call is allowed, so both sides measure the common path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimitBenchmark {
    private SourceRateLimiter ours;
    private Bucket bare;
    private String source;

    @Setup
    public void setUp() {
        RateLimitSpec spec = RateLimitSpec.parse("999999999/1s");
        ours = SourceRateLimiter.inMemory(spec, Clock.systemUTC());
        for (int i = 0; i < 10_000; i++) {
            ours.tryAcquire("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        source = "10.0.19.136";
        bare = Bucket.builder().addLimit(spec.bucketConfiguration().getBandwidths()[0]).build();
    }

    @Benchmark
    public RateDecision sosopsTryAcquireAmong10000Sources() {
        return ours.tryAcquire(source);
    }

    @Benchmark
    public boolean bareBucket4jTryConsume() {
        return bare.tryConsume(1);
    }
}
