package org.sosops.env.webhooks.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.jdbc.Database;

class RateLimitTest {

    @Test
    void parsesTheSettingFormsOfTheContract() {
        assertThat(RateLimitSpec.parse("30/1m")).isEqualTo(new RateLimitSpec(30, Duration.ofMinutes(1)));
        assertThat(RateLimitSpec.parse("5/1s")).isEqualTo(new RateLimitSpec(5, Duration.ofSeconds(1)));
        assertThat(RateLimitSpec.parse(" 100 / h ")).isEqualTo(new RateLimitSpec(100, Duration.ofHours(1)));
        assertThat(RateLimitSpec.parse("10/15M")).isEqualTo(new RateLimitSpec(10, Duration.ofMinutes(15)));
    }

    @Test
    void rejectsMalformedSettingsNamingTheVariable() {
        for (String bad : new String[] {"30", "30/", "/1m", "30/1d", "0/1m", "30/0s", "thirty/1m", "-1/1m"}) {
            assertThatThrownBy(() -> RateLimitSpec.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOSOPS_WEBHOOK_RATE_LIMIT");
        }
    }

    @Test
    void limitsEachSourceSeparatelyAndTellsWhenToRetry() {
        MutableClock clock = MutableClock.at(1_700_000_000L);
        SourceRateLimiter limiter = SourceRateLimiter.inMemory(RateLimitSpec.parse("5/1s"), clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("203.0.113.1").allowed()).isTrue();
        }
        RateDecision refused = limiter.tryAcquire("203.0.113.1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(limiter.tryAcquire("203.0.113.2").allowed()).isTrue();
        clock.advance(Duration.ofMillis(200));
        assertThat(limiter.tryAcquire("203.0.113.1").allowed()).isTrue();
        assertThat(limiter.tryAcquire("203.0.113.1").allowed()).isFalse();
    }

    @Test
    void retryAfterCoversTheWholeWaitOfASlowRate() {
        MutableClock clock = MutableClock.at(1_700_000_000L);
        SourceRateLimiter limiter = SourceRateLimiter.inMemory(RateLimitSpec.parse("2/1m"), clock);
        limiter.tryAcquire("a");
        limiter.tryAcquire("a");
        assertThat(limiter.tryAcquire("a").retryAfterSeconds()).isEqualTo(30);
    }

    @Test
    void aLimitedSourceStaysLimitedWhileFewerSourcesThanTheCapAreTracked() {
        MutableClock clock = MutableClock.at(1_700_000_000L);
        LocalSourceRateLimiter limiter = new LocalSourceRateLimiter(RateLimitSpec.parse("5/1h"), clock, 1_000);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("203.0.113.66").allowed()).isTrue();
        }
        for (int i = 0; i < 990; i++) {
            limiter.tryAcquire("10.0." + (i / 256) + "." + (i % 256));
            clock.advance(Duration.ofSeconds(1));   // 990 s: not one token back (one per 720 s) ...
            if (i % 100 == 0) {
                // ... beyond the first, which it spends: a fresh (full) bucket would allow it twice.
                boolean first = limiter.tryAcquire("203.0.113.66").allowed();
                boolean second = limiter.tryAcquire("203.0.113.66").allowed();
                assertThat(first && second).as("after %d other addresses", i).isFalse();
            }
        }
        assertThat(limiter.tracked()).isEqualTo(991);
    }

    @Test
    void twoInstancesSharingPostgresqlDrawFromOneBucketPerSource() {
        try (ScratchDatabase db = ScratchDatabase.create("ratelimit")) {
            MutableClock clock = MutableClock.at(1_700_000_000L);
            Database database = Database.fromUrl(db.databaseUrl());
            SourceRateLimiter first = PostgresSourceRateLimiter.create(database, RateLimitSpec.parse("4/1m"), clock);
            SourceRateLimiter second = PostgresSourceRateLimiter.create(database, RateLimitSpec.parse("4/1m"), clock);
            assertThat(first.tryAcquire("198.51.100.7").allowed()).isTrue();
            assertThat(second.tryAcquire("198.51.100.7").allowed()).isTrue();
            assertThat(first.tryAcquire("198.51.100.7").allowed()).isTrue();
            assertThat(second.tryAcquire("198.51.100.7").allowed()).isTrue();
            RateDecision fifth = first.tryAcquire("198.51.100.7");
            assertThat(fifth.allowed()).isFalse();
            assertThat(fifth.retryAfterSeconds()).isEqualTo(15);
            assertThat(second.tryAcquire("198.51.100.7").allowed()).isFalse();
            assertThat(second.tryAcquire("198.51.100.8").allowed()).isTrue();
            clock.advance(Duration.ofSeconds(15));
            assertThat(second.tryAcquire("198.51.100.7").allowed()).isTrue();
        }
    }
}
