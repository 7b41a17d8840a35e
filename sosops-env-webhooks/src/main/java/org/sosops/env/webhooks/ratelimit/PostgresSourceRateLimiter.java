package org.sosops.env.webhooks.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.webhooks.jdbc.Database;

/**
 * Buckets kept in PostgreSQL (Bucket4j's {@code SELECT ... FOR UPDATE} proxy manager), so every
 * instance behind a load balancer draws from the same bucket per source: the limit holds for the
 * whole fleet. The table {@value #TABLE} is created when missing.
 *
 * <pre>{@code
 * SourceRateLimiter limiter = PostgresSourceRateLimiter.create(Database.fromUrl(databaseUrl), RateLimitSpec.parse("30/1m"), Clock.systemUTC());
 * }</pre>
 *
 * <p>When the database cannot be reached the request is allowed and the failure logged: a
 * database outage must not turn into refusing every provider callback.
 */
public final class PostgresSourceRateLimiter implements SourceRateLimiter {
    public static final String TABLE = "sosops_webhook_rate_buckets";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSourceRateLimiter.class);

    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;

    private PostgresSourceRateLimiter(ProxyManager<String> buckets, BucketConfiguration configuration) {
        this.buckets = buckets;
        this.configuration = configuration;
    }

    public static PostgresSourceRateLimiter create(Database database, RateLimitSpec spec, Clock clock) {
        DataSource dataSource = database.dataSource();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (id VARCHAR(200) PRIMARY KEY, state BYTEA, expires_at BIGINT)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the rate-limit table " + TABLE + ": " + e.getMessage(), e);
        }
        ProxyManager<String> manager = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper.STRING)
                .table(TABLE)
                .clientClock(ClockTimeMeter.of(clock, true))
                .build();
        return new PostgresSourceRateLimiter(manager, spec.bucketConfiguration());
    }

    @Override
    public RateDecision tryAcquire(String source) {
        try {
            var bucket = buckets.builder().build(source, () -> configuration);
            var probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? RateDecision.ALLOWED
                    : RateDecision.limited(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        } catch (RuntimeException e) {
            LOG.warn("webhook rate limit not checked, the database is unreachable ({})", e.getClass().getSimpleName());
            return RateDecision.ALLOWED;
        }
    }
}
