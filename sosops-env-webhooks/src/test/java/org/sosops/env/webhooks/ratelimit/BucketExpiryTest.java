package org.sosops.env.webhooks.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.MutableClock;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.jdbc.StoreException;

/** A scan from many addresses leaves neither rows nor memory behind once its buckets are full again. */
class BucketExpiryTest {

    @Test
    void idleBucketRowsAreDeletedFromPostgresqlOnceRefilled() throws Exception {
        // Bucket4j stamps expires_at with the system clock, so this one test runs on real time.
        try (ScratchDatabase db = ScratchDatabase.create("buckets")) {
            Database database = Database.fromUrl(db.databaseUrl());
            PostgresSourceRateLimiter slow = PostgresSourceRateLimiter.create(database, RateLimitSpec.parse("5/1h"),
                    java.time.Clock.systemUTC());
            PostgresSourceRateLimiter fast = PostgresSourceRateLimiter.create(database, RateLimitSpec.parse("50/1s"),
                    java.time.Clock.systemUTC());
            for (int i = 0; i < 20; i++) {
                slow.tryAcquire("refused 198.51.100." + i);
            }
            for (int i = 0; i < 30; i++) {
                fast.tryAcquire("refused 192.0.2." + i);
            }
            assertThat(rows(db)).isEqualTo(50);
            Thread.sleep(1_200);   // the fast buckets are full again; the slow ones need twelve minutes

            assertThat(fast.removeIdleBuckets()).isEqualTo(30);
            assertThat(rows(db)).isEqualTo(20);
        }
    }

    @Test
    void theInMemoryLimiterHoldsAtMostItsMaximumAndForgetsIdleSources() {
        MutableClock clock = MutableClock.at(1_800_000_000L);
        LocalSourceRateLimiter limiter = new LocalSourceRateLimiter(RateLimitSpec.parse("5/1m"), clock, 100);
        for (int i = 0; i < 1_000; i++) {
            limiter.tryAcquire("refused 10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(limiter.tracked()).isLessThanOrEqualTo(100);

        clock.advance(Duration.ofMinutes(2));
        assertThat(limiter.tracked()).isZero();
    }

    @Test
    void anUnreachableDatabaseIsAnUnreachableStoreErrorNeverAllowed() throws Exception {
        MutableClock clock = MutableClock.at(1_800_000_000L);
        PostgresSourceRateLimiter limiter;
        try (ScratchDatabase db = ScratchDatabase.create("buckets-gone")) {
            limiter = PostgresSourceRateLimiter.create(Database.fromUrl(db.databaseUrl()), RateLimitSpec.parse("5/1m"), clock);
        }
        // The scratch database is dropped: a connection to it now fails (SQLState 3D000, not class 08).
        assertThatThrownBy(() -> limiter.tryAcquire("verified 203.0.113.1")).isInstanceOf(StoreException.class);
    }

    private static long rows(ScratchDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + PostgresSourceRateLimiter.TABLE)) {
            r.next();
            return r.getLong(1);
        }
    }
}
