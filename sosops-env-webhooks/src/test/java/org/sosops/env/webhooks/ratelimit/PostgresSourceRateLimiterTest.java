package org.sosops.env.webhooks.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.jdbc.Database;

/** The fleet-wide bucket is exact under concurrency, across instances with their own pools. */
class PostgresSourceRateLimiterTest {

    @Test
    void twoInstancesHammeringOneSourceConcurrentlyHandOutExactlyTheBucketsTokens() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("ratehammer");
             Database poolA = Database.fromUrl(db.databaseUrl());
             Database poolB = Database.fromUrl(db.databaseUrl())) {
            MutableClock clock = MutableClock.at(1_700_000_000L);
            RateLimitSpec spec = RateLimitSpec.parse("50/1h");
            SourceRateLimiter a = PostgresSourceRateLimiter.create(poolA, spec, clock);
            SourceRateLimiter b = PostgresSourceRateLimiter.create(poolB, spec, clock);
            AtomicInteger allowed = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    SourceRateLimiter limiter = t % 2 == 0 ? a : b;
                    work.add(threads.submit(() -> {
                        start.await();
                        for (int i = 0; i < 25; i++) {
                            if (limiter.tryAcquire("203.0.113.9").allowed()) {
                                allowed.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : work) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            // 400 attempts, a bucket of 50, a refill of one token per 72 s that the frozen clock never grants.
            assertThat(allowed.get()).isEqualTo(50);
            RateDecision next = a.tryAcquire("203.0.113.9");
            assertThat(next.allowed()).isFalse();
            assertThat(next.retryAfterSeconds()).isEqualTo(72);
        }
    }

    @Test
    void refillIsGreedyAndCappedAtTheCapacity() {
        try (ScratchDatabase db = ScratchDatabase.create("raterefill");
             Database database = Database.fromUrl(db.databaseUrl())) {
            MutableClock clock = MutableClock.at(1_700_000_000L);
            SourceRateLimiter limiter = PostgresSourceRateLimiter.create(database, RateLimitSpec.parse("10/10s"), clock);
            for (int i = 0; i < 10; i++) {
                assertThat(limiter.tryAcquire("s").allowed()).isTrue();
            }
            assertThat(limiter.tryAcquire("s").allowed()).isFalse();
            clock.advance(Duration.ofMillis(2_500));   // 2.5 tokens back: two requests pass
            assertThat(limiter.tryAcquire("s").allowed()).isTrue();
            assertThat(limiter.tryAcquire("s").allowed()).isTrue();
            assertThat(limiter.tryAcquire("s").allowed()).isFalse();
            clock.advance(Duration.ofHours(1));         // a long quiet spell refills to the capacity, not beyond
            int passed = 0;
            for (int i = 0; i < 15; i++) {
                passed += limiter.tryAcquire("s").allowed() ? 1 : 0;
            }
            assertThat(passed).isEqualTo(10);
        }
    }

    @Test
    void anInstanceWhoseClockLagsRefillsNothingAndNeverWindsTheBucketBack() {
        try (ScratchDatabase db = ScratchDatabase.create("rateskew");
             Database database = Database.fromUrl(db.databaseUrl())) {
            MutableClock ahead = MutableClock.at(1_700_000_100L);
            MutableClock behind = MutableClock.at(1_700_000_000L);
            RateLimitSpec spec = RateLimitSpec.parse("2/1m");
            SourceRateLimiter fast = PostgresSourceRateLimiter.create(database, spec, ahead);
            SourceRateLimiter slow = PostgresSourceRateLimiter.create(database, spec, behind);
            assertThat(fast.tryAcquire("s").allowed()).isTrue();
            assertThat(fast.tryAcquire("s").allowed()).isTrue();
            assertThat(slow.tryAcquire("s").allowed()).isFalse();
            behind.advance(Duration.ofSeconds(90));     // still behind the bucket's time: no refill
            assertThat(slow.tryAcquire("s").allowed()).isFalse();
        }
    }

    @Test
    void aFailingDatabaseIsAStoreErrorForTheGuardsPolicyNeverAnAllowedRequest() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("ratedown");
             Database database = Database.fromUrl(db.databaseUrl())) {
            SourceRateLimiter limiter = PostgresSourceRateLimiter.create(database, RateLimitSpec.parse("1/1h"),
                    MutableClock.at(1_700_000_000L));
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + PostgresSourceRateLimiter.TABLE);
            }
            // A missing table is a database error, not an outage: the guard answers 500, never "allowed".
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> limiter.tryAcquire("s"))
                    .isInstanceOfSatisfying(org.sosops.env.webhooks.jdbc.StoreException.class,
                            e -> assertThat(e.unreachable()).isFalse());
        }
    }
}
