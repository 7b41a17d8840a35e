package org.sosops.env.webhooks.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.jdbc.Database;

/** Retry-After rounding, the rate's own text, the clocks buckets read, and fleet buckets' edges. */
class RateDecisionsTest {

    @Test
    void retryAfterIsRoundedUpToWholeSecondsAndNeverBelowOne() {
        assertThat(RateDecision.limited(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(RateDecision.limited(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(RateDecision.limited(Duration.ofMillis(1000)).retryAfterSeconds()).isEqualTo(1);
        assertThat(RateDecision.limited(Duration.ofMillis(1001)).retryAfterSeconds()).isEqualTo(2);
        assertThat(RateDecision.limited(Duration.ofSeconds(72)).retryAfterSeconds()).isEqualTo(72);
        assertThat(RateDecision.limited(Duration.ofSeconds(3)).allowed()).isFalse();
        assertThat(RateDecision.ALLOWED.allowed()).isTrue();
        assertThat(RateDecision.ALLOWED.retryAfter()).isZero();
    }

    @Test
    void aRateIsWrittenAsRequestsPerSecondsAndRefusesNonsense() {
        assertThat(RateLimitSpec.parse("30/1m")).hasToString("30/60s");
        assertThat(RateLimitSpec.parse("2/h")).hasToString("2/3600s");
        assertThat(RateLimitSpec.DEFAULT).isEqualTo(RateLimitSpec.parse("30/1m"));
        assertThatThrownBy(() -> new RateLimitSpec(0, Duration.ofSeconds(1))).hasMessage("a rate limit allows at least 1 request");
        assertThatThrownBy(() -> new RateLimitSpec(1, Duration.ofSeconds(-1))).hasMessage("a rate limit period is positive");
        assertThatThrownBy(() -> RateLimitSpec.parse("0/1m")).hasMessage(
                "SOSOPS_WEBHOOK_RATE_LIMIT '0/1m': a rate limit allows at least 1 request");
        assertThatThrownBy(() -> RateLimitSpec.parse("5 per minute")).hasMessage(
                "SOSOPS_WEBHOOK_RATE_LIMIT '5 per minute' is not <requests>/<period>, e.g. 30/1m or 5/1s");
        assertThat(new RateLimitSpec(1, Duration.ofNanos(1)).period()).isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void theBucketHoldsTheRequestsAndRefillsThemOverThePeriod() {
        var limit = RateLimitSpec.parse("7/2m").bucketConfiguration().getBandwidths()[0];

        assertThat(limit.getCapacity()).isEqualTo(7);
        assertThat(limit.getRefillTokens()).isEqualTo(7);
        assertThat(limit.getRefillPeriodNanos()).isEqualTo(Duration.ofMinutes(2).toNanos());
        assertThat(limit.isRefillIntervally()).isFalse();
    }

    @Test
    void aTestClockIsReadThroughAndTheSystemClockKeepsBucket4jsOwnMeters() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L, 123));
        TimeMeter meter = ClockTimeMeter.of(clock, false);

        assertThat(meter.currentTimeNanos()).isEqualTo(1_700_000_000_000_000_123L);
        clock.advance(Duration.ofMillis(5));
        assertThat(meter.currentTimeNanos()).isEqualTo(1_700_000_000_005_000_123L);
        assertThat(meter.isWallClockBased()).isTrue();
        assertThat(ClockTimeMeter.of(Clock.systemUTC(), true)).isSameAs(TimeMeter.SYSTEM_MILLISECONDS);
        assertThat(ClockTimeMeter.of(Clock.systemUTC(), false)).isSameAs(TimeMeter.SYSTEM_NANOTIME);
        assertThat(ClockTimeMeter.of(Clock.systemDefaultZone(), false)).isSameAs(TimeMeter.SYSTEM_NANOTIME);
        assertThat(ClockTimeMeter.of(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), false)).isNotSameAs(TimeMeter.SYSTEM_NANOTIME);
    }

    @Test
    void theInMemoryLimiterTellsTheExactWaitForTheNextToken() {
        MutableClock clock = MutableClock.at(1_700_000_000L);
        SourceRateLimiter limiter = SourceRateLimiter.inMemory(RateLimitSpec.parse("4/1m"), clock);
        for (int i = 0; i < 4; i++) {
            limiter.tryAcquire("s");
        }
        clock.advance(Duration.ofSeconds(5));

        RateDecision refused = limiter.tryAcquire("s");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(SourceRateLimiter.unlimited().tryAcquire("s")).isEqualTo(RateDecision.ALLOWED);
    }

    @Test
    void fleetBucketsNeedPostgresqlAndAReachableDatabase() throws Exception {
        Database h2 = Database.of(new org.h2.jdbcx.JdbcDataSource(), Database.Dialect.H2);
        assertThatThrownBy(() -> PostgresSourceRateLimiter.create(h2, RateLimitSpec.DEFAULT, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fleet-wide buckets need PostgreSQL; Database[host DataSource (H2)] is not");
        Database unreachable = Database.fromUrl("postgresql://nobody@127.0.0.1:1/none");
        try (unreachable) {
            assertThatThrownBy(() -> PostgresSourceRateLimiter.create(unreachable, RateLimitSpec.DEFAULT, Clock.systemUTC()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot create the rate-limit table " + PostgresSourceRateLimiter.TABLE)
                    .hasMessageContaining(": the database is unreachable (").hasMessageNotContaining("\n");
        }
    }

    @Test
    void aLongSourceIsCutToItsFirstTwoHundredCharactersAndABucketRefusesWithTheWaitForOneToken() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("ratelong"); Database database = Database.fromUrl(db.databaseUrl())) {
            MutableClock clock = MutableClock.at(1_700_000_000L);
            SourceRateLimiter limiter = PostgresSourceRateLimiter.create(database, RateLimitSpec.parse("1/1m"), clock);
            String prefix = "s".repeat(200);

            assertThat(limiter.tryAcquire(prefix + "-first").allowed()).isTrue();
            RateDecision second = limiter.tryAcquire(prefix + "-second");
            assertThat(second.allowed()).as("the same first 200 characters: the same bucket").isFalse();
            assertThat(second.retryAfter()).isEqualTo(Duration.ofMinutes(1));
            assertThat(limiter.tryAcquire("s".repeat(199)).allowed()).isTrue();

            clock.advance(Duration.ofSeconds(45));
            assertThat(limiter.tryAcquire(prefix).retryAfter()).isEqualTo(Duration.ofSeconds(15));
            try (Connection c = db.connect();
                 PreparedStatement s = c.prepareStatement("SELECT tokens, refilled_at, taken FROM "
                         + PostgresSourceRateLimiter.TABLE + " WHERE id = ?")) {
                s.setString(1, prefix);
                try (ResultSet row = s.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getDouble(1)).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(row.getLong(2)).isEqualTo(1_700_000_045_000_000_000L);
                    assertThat(row.getLong(3)).isZero();
                }
            }
        }
    }
}
