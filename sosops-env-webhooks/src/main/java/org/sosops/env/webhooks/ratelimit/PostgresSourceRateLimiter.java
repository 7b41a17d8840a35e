package org.sosops.env.webhooks.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.jdbc.StoreException;

/**
 * Buckets kept in PostgreSQL (Bucket4j's {@code SELECT ... FOR UPDATE} proxy manager), so every
 * instance behind a load balancer draws from the same bucket per source: the limit holds for the
 * whole fleet. The table {@value #TABLE} is created when missing. Each row carries the time its
 * bucket is full again ({@code expires_at}); idle rows are deleted at most once per
 * {@link #CLEANUP_INTERVAL} by whichever request comes first, so a scan from many addresses
 * leaves no lasting rows.
 *
 * <pre>{@code
 * SourceRateLimiter limiter = PostgresSourceRateLimiter.create(Database.fromUrl(databaseUrl), RateLimitSpec.parse("30/1m"), Clock.systemUTC());
 * }</pre>
 *
 * <p>When the database fails the limiter throws a {@link StoreException} (marked unreachable for
 * connection failures); it never answers "allowed" on an error. The guard applies the host's
 * store-failure policy.
 */
public final class PostgresSourceRateLimiter implements SourceRateLimiter {
    public static final String TABLE = "sosops_webhook_rate_buckets";
    static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);
    private static final int CLEANUP_BATCH = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSourceRateLimiter.class);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final Clock clock;
    private final AtomicLong nextCleanup;

    private PostgresSourceRateLimiter(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets,
                                      BucketConfiguration configuration, Clock clock) {
        this.buckets = buckets;
        this.configuration = configuration;
        this.clock = clock;
        this.nextCleanup = new AtomicLong(clock.millis() + CLEANUP_INTERVAL.toMillis());
    }

    public static PostgresSourceRateLimiter create(Database database, RateLimitSpec spec, Clock clock) {
        DataSource dataSource = database.dataSource();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (id VARCHAR(200) PRIMARY KEY, state BYTEA, expires_at BIGINT)");
            statement.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_expires_at ON " + TABLE + " (expires_at)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the rate-limit table " + TABLE + ": " + e.getMessage(), e);
        }
        PostgreSQLSelectForUpdateBasedProxyManager<String> manager = Bucket4jPostgreSQL
                .selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .clientClock(ClockTimeMeter.of(clock, true))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
        return new PostgresSourceRateLimiter(manager, spec.bucketConfiguration(), clock);
    }

    @Override
    public RateDecision tryAcquire(String source) {
        try {
            cleanUpWhenDue();
            var bucket = buckets.builder().build(source, () -> configuration);
            var probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? RateDecision.ALLOWED
                    : RateDecision.limited(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        } catch (RuntimeException e) {
            throw StoreException.of("the rate limit in " + TABLE + " could not be checked", e);
        }
    }

    /** Deletes rows whose buckets are full again; returns how many went. */
    public int removeIdleBuckets() {
        // Bucket4j writes expires_at from the system clock and deletes by it, whatever clock decides the rate.
        try {
            int removed = 0;
            int batch;
            do {
                batch = buckets.removeExpired(CLEANUP_BATCH);
                removed += batch;
            } while (batch == CLEANUP_BATCH);
            return removed;
        } catch (RuntimeException e) {
            throw StoreException.of("idle buckets in " + TABLE + " could not be removed", e);
        }
    }

    private void cleanUpWhenDue() {
        long now = clock.millis();
        long due = nextCleanup.get();
        if (now >= due && nextCleanup.compareAndSet(due, now + CLEANUP_INTERVAL.toMillis())) {
            int removed = removeIdleBuckets();
            if (removed > 0) {
                LOG.debug("removed {} idle rate-limit buckets from {}", removed, TABLE);
            }
        }
    }
}
