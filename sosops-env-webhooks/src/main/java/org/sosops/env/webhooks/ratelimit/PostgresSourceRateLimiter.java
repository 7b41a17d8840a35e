package org.sosops.env.webhooks.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.webhooks.jdbc.Database;

/**
 * Buckets kept in PostgreSQL, one row per source ({@value #TABLE}, created when missing), so every
 * instance behind a load balancer draws from the same bucket: the limit holds for the whole fleet.
 * The semantics are Bucket4j's token bucket as {@link RateLimitSpec} configures it: {@code requests}
 * tokens, refilled greedily over the period.
 *
 * <pre>{@code
 * SourceRateLimiter limiter = PostgresSourceRateLimiter.create(Database.of(hostDataSource), RateLimitSpec.parse("30/1m"), Clock.systemUTC());
 * }</pre>
 *
 * <p>Each decision is ONE statement ({@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}) that
 * refills, takes a token and reports the outcome. PostgreSQL runs it under the row's lock, so two
 * instances can never both take the last token, and the lock is held only while that statement runs.
 * (A provider calls from a handful of addresses, so a source's row is hot: Bucket4j's PostgreSQL
 * proxy managers hold the row, or an advisory lock, across a transaction of three or four round
 * trips, which serialized every webhook of a busy provider behind those round trips.)
 *
 * <p>The statement commits without waiting for the write-ahead log to reach the disk
 * ({@code synchronous_commit = off} for that transaction alone). PostgreSQL releases a row's lock
 * only after the commit, so with the wait every webhook of a busy source queued behind one disk
 * flush after another. The price, only if the PostgreSQL server itself crashes, is losing the
 * last fraction of a second of bucket updates: a source gets a few tokens back. Never corruption,
 * and nothing else: seen ids and failure records keep synchronous commits.
 *
 * <p>Instances' clocks may differ: a bucket's time never moves backwards, and a lagging clock refills
 * nothing.
 *
 * <p>When the database cannot be reached the request is allowed and the failure logged: a
 * database outage must not turn into refusing every provider callback.
 */
public final class PostgresSourceRateLimiter implements SourceRateLimiter {
    public static final String TABLE = "sosops_webhook_rate_tokens";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSourceRateLimiter.class);
    private static final int PURGE_EVERY = 10_000;
    private static final int MAX_SOURCE_LENGTH = 200;

    // Parameters: 1 id, 2 capacity-1 (a new bucket just gave one token), 3 now; then per refill
    // expression: capacity, now, tokens per nanosecond (three times), and now for the clock.
    private static final String REFILLED = "LEAST(?, b.tokens + GREATEST(0, ? - b.refilled_at) * ?)";
    // set_config(..., true) turns off the wait for the WAL flush for this statement's own transaction
    // only (the host's pooled session keeps its settings): see the class comment.
    private static final String TAKE = "INSERT INTO " + TABLE + " AS b (id, tokens, refilled_at, allowed)"
            + " SELECT ?, ?, ?, TRUE FROM (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush_wait"
            + " ON CONFLICT (id) DO UPDATE SET"
            + " tokens = CASE WHEN " + REFILLED + " >= 1 THEN " + REFILLED + " - 1 ELSE " + REFILLED + " END,"
            + " allowed = " + REFILLED + " >= 1,"
            + " refilled_at = GREATEST(b.refilled_at, ?)"
            + " RETURNING allowed, tokens";

    private final Database database;
    private final long capacity;
    private final double tokensPerNano;
    private final long fullRefillNanos;
    private final Clock clock;
    private final AtomicLong decisions = new AtomicLong();

    private PostgresSourceRateLimiter(Database database, RateLimitSpec spec, Clock clock) {
        this.database = database;
        this.capacity = spec.requests();
        this.fullRefillNanos = spec.period().toNanos();
        this.tokensPerNano = (double) spec.requests() / fullRefillNanos;
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException when the table cannot be created (the database is unreachable)
     */
    public static PostgresSourceRateLimiter create(Database database, RateLimitSpec spec, Clock clock) {
        if (database.dialect() != Database.Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("fleet-wide buckets need PostgreSQL; " + database + " is not");
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id VARCHAR(" + MAX_SOURCE_LENGTH + ") PRIMARY KEY,"
                    + " tokens DOUBLE PRECISION NOT NULL, refilled_at BIGINT NOT NULL, allowed BOOLEAN NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the rate-limit table " + TABLE + ": " + e.getMessage(), e);
        }
        return new PostgresSourceRateLimiter(database, spec, clock);
    }

    @Override
    public RateDecision tryAcquire(String source) {
        String id = source.length() > MAX_SOURCE_LENGTH ? source.substring(0, MAX_SOURCE_LENGTH) : source;
        long now = nanos(clock.instant());
        try (Connection connection = database.connect()) {
            if (decisions.incrementAndGet() % PURGE_EVERY == 0) {
                purge(connection, now);
            }
            try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                int i = 1;
                take.setString(i++, id);
                take.setDouble(i++, capacity - 1);
                take.setLong(i++, now);
                for (int refill = 0; refill < 4; refill++) {
                    take.setDouble(i++, capacity);
                    take.setLong(i++, now);
                    take.setDouble(i++, tokensPerNano);
                }
                take.setLong(i, now);
                try (ResultSet row = take.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        return RateDecision.ALLOWED;
                    }
                    double missing = 1 - row.getDouble(2);
                    return RateDecision.limited(Duration.ofNanos((long) Math.ceil(missing * fullRefillNanos / capacity)));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("webhook rate limit not checked, the database is unreachable ({})", e.getClass().getSimpleName());
            return RateDecision.ALLOWED;
        }
    }

    /** A bucket untouched for a whole period is full again: its row says nothing a missing row would not. */
    private void purge(Connection connection, long now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE refilled_at < ?")) {
            delete.setLong(1, now - fullRefillNanos);
            delete.executeUpdate();
        }
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
