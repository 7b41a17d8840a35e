package org.sosops.env.core.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * A pool the library built from a URL ({@link PooledDataSources}): a HikariCP pool that also fails
 * fast while its server is down. A borrower normally waits up to the connection timeout (a pool
 * that is merely busy frees a connection soon); once a wait ended because connections could not
 * be <em>opened</em>, later borrowers get an idle connection if there is one and otherwise fail at
 * once, until a borrow succeeds again. HikariCP keeps trying to open connections in the background
 * (with a back-off of at most a few seconds), so the pool recovers by itself when the server
 * returns. An outage thus costs each webhook nothing but the fallback (spool, fail-open) instead
 * of seconds per statement. Closing it closes the pool and every connection.
 *
 * <pre>{@code
 * try (PooledDataSource pool = PooledDataSources.fromUrl("DATABASE_URL", url).component("flags").build()) {
 *     try (Connection c = pool.getConnection()) { ... }
 * }
 * }</pre>
 */
public final class PooledDataSource extends HikariDataSource {
    /** How long a borrower waits while the server is known to be unreachable: not at all. */
    public static final Duration OUTAGE_WAIT = Duration.ZERO;

    private volatile boolean outage;

    PooledDataSource(HikariConfig config) {
        super(config);
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            Connection connection = outage && getHikariPoolMXBean() instanceof HikariPool hikari && !isClosed()
                    ? hikari.getConnection(OUTAGE_WAIT.toMillis())
                    : super.getConnection();
            outage = false;
            return connection;
        } catch (SQLTransientConnectionException e) {
            // HikariCP attaches the last failure to open a connection as the cause; a wait that
            // timed out only because every connection was busy has none, and is no outage.
            outage = e.getCause() != null;
            throw e;
        }
    }

    /** Whether the last borrow found the server unreachable. */
    public boolean inOutage() {
        return outage;
    }

    @Override
    public String toString() {
        return "PooledDataSource[" + getPoolName() + ", max " + getMaximumPoolSize() + "]";
    }
}
