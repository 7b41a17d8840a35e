package org.sosops.env.webhooks.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.jdbc.DatabaseAnswers;
import org.sosops.env.webhooks.jdbc.StoreException;

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
 * refills, takes tokens and reports how many it took. Requests for the same source that arrive
 * while a statement for it is running wait and go together in the next one, which takes one token
 * per request (the first queued get them): fewer round trips under load, never an extra token. PostgreSQL runs it under the row's lock, so two
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
 * <p>Rows of buckets untouched for a whole period (full again, so they say nothing a missing row
 * would not) are deleted every {@value #PURGE_EVERY} decisions and by {@link #removeIdleBuckets()}.
 *
 * <p>When the database fails the limiter throws a {@link StoreException} (marked unreachable for
 * connection failures) to every request of the batch; it never answers "allowed" on an error. The
 * guard applies the host's store-failure policy.
 */
public final class PostgresSourceRateLimiter implements SourceRateLimiter {
    public static final String TABLE = "sosops_webhook_rate_tokens";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSourceRateLimiter.class);
    private static final int PURGE_EVERY = 10_000;
    private static final int MAX_SOURCE_LENGTH = 200;

    // Parameters: 1 id, 2 tokens left in a new bucket, 3 now, 4 tokens a new bucket gives; then per
    // refill expression: capacity, now, tokens per nanosecond (three times), the number wanted
    // (twice), and now for the clock.
    private static final String REFILLED = "LEAST(?, b.tokens + GREATEST(0, ? - b.refilled_at) * ?)";
    // set_config(..., true) turns off the wait for the WAL flush for this statement's own transaction
    // only (the host's pooled session keeps its settings): see the class comment.
    private static final String TAKE = "INSERT INTO " + TABLE + " AS b (id, tokens, refilled_at, taken)"
            + " SELECT ?, ?, ?, ? FROM (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush_wait"
            + " ON CONFLICT (id) DO UPDATE SET"
            + " tokens = " + REFILLED + " - LEAST(?, FLOOR(" + REFILLED + ")),"
            + " taken = LEAST(?, FLOOR(" + REFILLED + ")),"
            + " refilled_at = GREATEST(b.refilled_at, ?)"
            + " RETURNING taken, tokens";

    private final Database database;
    private final long capacity;
    private final double tokensPerNano;
    private final long fullRefillNanos;
    private final Clock clock;
    private final AtomicLong decisions = new AtomicLong();
    private final ConcurrentHashMap<String, Queue> queues = new ConcurrentHashMap<>();

    private PostgresSourceRateLimiter(Database database, RateLimitSpec spec, Clock clock) {
        this.database = database;
        this.capacity = spec.requests();
        this.fullRefillNanos = spec.period().toNanos();
        this.tokensPerNano = (double) spec.requests() / fullRefillNanos;
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException when the table cannot be created (the database is unreachable, or
     *                               answers with an error: the one-line message says which)
     */
    public static PostgresSourceRateLimiter create(Database database, RateLimitSpec spec, Clock clock) {
        if (database.dialect() != Database.Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("fleet-wide buckets need PostgreSQL; " + database + " is not");
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id VARCHAR(" + MAX_SOURCE_LENGTH + ") PRIMARY KEY,"
                    + " tokens DOUBLE PRECISION NOT NULL, refilled_at BIGINT NOT NULL, taken BIGINT NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the rate-limit table " + TABLE + " in " + database + ": "
                    + DatabaseAnswers.whyNotOpened(e), e);
        }
        return new PostgresSourceRateLimiter(database, spec, clock);
    }

    @Override
    public RateDecision tryAcquire(String source) {
        String id = source.length() > MAX_SOURCE_LENGTH ? source.substring(0, MAX_SOURCE_LENGTH) : source;
        Queue queue = queues.computeIfAbsent(id, k -> new Queue());
        Waiter me = new Waiter();
        boolean lead;
        synchronized (queue) {
            queue.waiting.add(me);
            lead = !queue.running;
            queue.running = true;
        }
        if (!lead && !me.awaitTurn()) {
            return me.outcome();
        }
        // This thread leads: one statement for everyone queued on this source, then the next leads.
        List<Waiter> batch;
        synchronized (queue) {
            batch = queue.waiting;
            queue.waiting = new ArrayList<>();
        }
        settle(id, batch);
        Waiter next = null;
        synchronized (queue) {
            if (queue.waiting.isEmpty()) {
                queue.running = false;
                queues.remove(id, queue);
            } else {
                next = queue.waiting.get(0);
            }
        }
        if (next != null) {
            next.lead();
        }
        return me.outcome();
    }

    /**
     * Deletes the rows of buckets untouched for a whole period (full again); returns how many went.
     *
     * @throws StoreException when the database fails
     */
    public int removeIdleBuckets() {
        try (Connection connection = database.connect()) {
            return purge(connection, nanos(clock.instant()));
        } catch (SQLException e) {
            throw StoreException.of("idle buckets in " + TABLE + " could not be removed", e);
        }
    }

    /** Takes up to {@code batch.size()} tokens in one statement; the first ones queued get them. */
    private void settle(String id, List<Waiter> batch) {
        int wanted = batch.size();
        long now = nanos(clock.instant());
        RateDecision refused = RateDecision.ALLOWED;
        long taken = wanted;
        StoreException failure = null;
        try (Connection connection = database.connect()) {
            if (decisions.addAndGet(wanted) % PURGE_EVERY < wanted) {
                purge(connection, now);
            }
            try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                int i = 1;
                long first = Math.min(wanted, capacity);
                take.setString(i++, id);
                take.setDouble(i++, capacity - first);
                take.setLong(i++, now);
                take.setLong(i++, first);
                // Then in text order: tokens = REFILLED - LEAST(wanted, FLOOR(REFILLED)),
                // taken = LEAST(wanted, FLOOR(REFILLED)), refilled_at = GREATEST(b.refilled_at, now).
                i = refill(take, i, now);
                take.setLong(i++, wanted);
                i = refill(take, i, now);
                take.setLong(i++, wanted);
                i = refill(take, i, now);
                take.setLong(i, now);
                try (ResultSet row = take.executeQuery()) {
                    row.next();
                    taken = row.getLong(1);
                    if (taken < wanted) {
                        double missing = 1 - row.getDouble(2);
                        refused = RateDecision.limited(Duration.ofNanos((long) Math.ceil(missing * fullRefillNanos / capacity)));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            // Never "allowed" on an error: every request of the batch carries the failure to the guard.
            failure = StoreException.of("the rate limit in " + TABLE + " could not be checked", e);
        } finally {
            for (int w = 0; w < batch.size(); w++) {
                if (failure != null) {
                    batch.get(w).fail(failure);
                } else {
                    batch.get(w).decide(w < taken ? RateDecision.ALLOWED : refused);
                }
            }
        }
    }

    private int refill(PreparedStatement statement, int index, long now) throws SQLException {
        statement.setDouble(index++, capacity);
        statement.setLong(index++, now);
        statement.setDouble(index++, tokensPerNano);
        return index;
    }

    /** Requests for one source waiting for a statement; {@code running} while one thread leads. */
    private static final class Queue {
        private List<Waiter> waiting = new ArrayList<>();
        private boolean running;
    }

    /** One request: it is either decided, or handed the lead. */
    private static final class Waiter {
        private final CountDownLatch signal = new CountDownLatch(1);
        private volatile RateDecision decision;
        private volatile StoreException failure;
        private volatile boolean leads;

        void decide(RateDecision d) {
            decision = d;
            signal.countDown();
        }

        void fail(StoreException e) {
            failure = e;
            decision = RateDecision.ALLOWED;   // decided (so it does not lead); outcome() throws
            signal.countDown();
        }

        RateDecision outcome() {
            if (failure != null) {
                throw failure;
            }
            return decision;
        }

        void lead() {
            leads = true;
            signal.countDown();
        }

        /** @return whether this request now leads (else {@link #decision} is set) */
        boolean awaitTurn() {
            boolean interrupted = false;
            while (true) {
                try {
                    signal.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return decision == null && leads;
        }
    }

    /** A bucket untouched for a whole period is full again: its row says nothing a missing row would not. */
    private int purge(Connection connection, long now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE refilled_at < ?")) {
            delete.setLong(1, now - fullRefillNanos);
            return delete.executeUpdate();
        }
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
