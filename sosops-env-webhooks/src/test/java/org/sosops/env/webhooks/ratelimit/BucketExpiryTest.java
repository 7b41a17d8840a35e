package org.sosops.env.webhooks.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.jdbc.StoreException;

/** A scan from many addresses leaves no rows behind once its buckets are full again, and at most the cap in memory. */
class BucketExpiryTest {

    @Test
    void idleBucketRowsAreDeletedFromPostgresqlOnceRefilled() throws Exception {
        MutableClock clock = MutableClock.at(1_800_000_000L);
        try (ScratchDatabase db = ScratchDatabase.create("buckets")) {
            PostgresSourceRateLimiter limiter = PostgresSourceRateLimiter.create(Database.fromUrl(db.databaseUrl()),
                    RateLimitSpec.parse("5/1m"), clock);
            for (int i = 0; i < 50; i++) {
                limiter.tryAcquire("refused 198.51.100." + i);
            }
            assertThat(rows(db)).isEqualTo(50);
            assertThat(limiter.removeIdleBuckets()).isZero();   // still refilling: kept

            clock.advance(Duration.ofMinutes(2));

            assertThat(limiter.removeIdleBuckets()).isEqualTo(50);
            assertThat(rows(db)).isZero();
        }
    }

    @Test
    void theInMemoryLimiterHoldsAtMostItsMaximum() {
        MutableClock clock = MutableClock.at(1_800_000_000L);
        LocalSourceRateLimiter limiter = new LocalSourceRateLimiter(RateLimitSpec.parse("5/1m"), clock, 100);
        for (int i = 0; i < 1_000; i++) {
            limiter.tryAcquire("refused 10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(limiter.tracked()).isLessThanOrEqualTo(100);
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
