package org.sosops.env.webhooks.replay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.jdbc.DatabaseAnswers;
import org.sosops.env.webhooks.jdbc.StoreException;

/**
 * Seen ids in a table ({@value #TABLE}) shared by every instance: the first insert of an id wins,
 * a second one hits the primary key. Rows older than the retention are purged now and then.
 * Ids too long for the column, or with unusual characters, are stored as their SHA-256
 * ({@code sha256:<hex>}). Any database failure is thrown as a {@link StoreException} — a
 * connection failure marked {@linkplain StoreException#unreachable() unreachable} — never
 * answered as "new": the guard applies the host's declared policy.
 *
 * <p>On PostgreSQL the insert commits without waiting for the write-ahead log to reach the disk
 * ({@code synchronous_commit = off} for that one transaction; the pooled session is untouched).
 * Every instance still sees every committed id at once, so the first-insert-wins rule is exact
 * across the fleet; what a crash of the PostgreSQL server itself can lose is the last fraction of a
 * second of ids, which a replay would then get through once. The flush wait cost each webhook a
 * disk write of its own.
 *
 * <pre>{@code
 * SeenIdStore seen = JdbcSeenIdStore.create(Database.fromUrl(databaseUrl), Duration.ofHours(24));
 * }</pre>
 */
public final class JdbcSeenIdStore implements SeenIdStore {
    public static final String TABLE = "sosops_webhook_seen_ids";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSeenIdStore.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database database;
    private final Duration retention;
    private final AtomicLong inserts = new AtomicLong();
    private final String insertSql;

    private JdbcSeenIdStore(Database database, Duration retention) {
        this.database = database;
        this.retention = retention;
        // PostgreSQL: commit without waiting for the disk flush, for this statement's transaction
        // only (see the class comment); uniqueness between instances is unaffected.
        this.insertSql = database.dialect() == Database.Dialect.POSTGRESQL
                ? "INSERT INTO " + TABLE + " (scope, id, seen_at) SELECT ?, ?, ?"
                        + " FROM (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush_wait"
                : "INSERT INTO " + TABLE + " (scope, id, seen_at) VALUES (?, ?, ?)";
    }

    public static JdbcSeenIdStore create(Database database, Duration retention) {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (scope VARCHAR(40) NOT NULL, id VARCHAR(300) NOT NULL,"
                    + " seen_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (scope, id))");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + TABLE + " in " + database + ": "
                    + DatabaseAnswers.whyNotOpened(e), e);
        }
        return new JdbcSeenIdStore(database, retention);
    }

    @Override
    public boolean markSeen(String scope, String rawId, Instant now) {
        String id = StoredIds.fit(rawId);
        scope = StoredIds.fit(scope);
        try (Connection c = database.connect()) {
            if (inserts.incrementAndGet() % 1000 == 0) {
                purge(c, now);
            }
            try (PreparedStatement insert = c.prepareStatement(insertSql)) {
                insert.setString(1, scope);
                insert.setString(2, id);
                insert.setTimestamp(3, Timestamp.from(now));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            // Seen before: still a duplicate only within the retention.
            try (PreparedStatement refresh = c.prepareStatement(
                    "UPDATE " + TABLE + " SET seen_at = ? WHERE scope = ? AND id = ? AND seen_at < ?")) {
                refresh.setTimestamp(1, Timestamp.from(now));
                refresh.setString(2, scope);
                refresh.setString(3, id);
                refresh.setTimestamp(4, Timestamp.from(now.minus(retention)));
                return refresh.executeUpdate() == 1;
            }
        } catch (SQLException | RuntimeException e) {
            throw StoreException.of("the seen-id check in " + database + " failed", e);
        }
    }

    @Override
    public void forget(String scope, String rawId) {
        String id = StoredIds.fit(rawId);
        scope = StoredIds.fit(scope);
        try (Connection c = database.connect();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE scope = ? AND id = ?")) {
            delete.setString(1, scope);
            delete.setString(2, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("could not forget a webhook id in {} ({})", database, e.getSQLState());
        }
    }

    private void purge(Connection c, Instant now) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE seen_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(now.minus(retention)));
            delete.executeUpdate();
        }
    }
}
