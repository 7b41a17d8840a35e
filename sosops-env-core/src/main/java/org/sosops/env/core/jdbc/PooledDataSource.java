package org.sosops.env.core.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool the library built from a URL ({@link PooledDataSources}): a HikariCP pool that also fails
 * fast while its server is down. A borrower normally waits up to the connection timeout (a pool
 * that is merely busy frees a connection soon); once a wait ended because connections could not
 * be <em>opened</em>, later borrowers wait only {@link #OUTAGE_WAIT} until one succeeds again, so
 * an outage costs each webhook a fraction of a second instead of seconds per statement.
 * Closing it closes the pool and every connection.
 *
 * <pre>{@code
 * try (PooledDataSource pool = PooledDataSources.fromUrl("DATABASE_URL", url).component("flags").build()) {
 *     try (Connection c = pool.getConnection()) { ... }
 * }
 * }</pre>
 */
public final class PooledDataSource implements DataSource, AutoCloseable {
    /** How long a borrower waits while the server is known to be unreachable (HikariCP's floor). */
    public static final Duration OUTAGE_WAIT = Duration.ofMillis(250);

    private final HikariDataSource pool;
    private volatile boolean outage;

    PooledDataSource(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            Connection connection = outage && pool.getHikariPoolMXBean() instanceof HikariPool hikari
                    && !pool.isClosed()
                    ? hikari.getConnection(OUTAGE_WAIT.toMillis())
                    : pool.getConnection();
            outage = false;
            return connection;
        } catch (SQLTransientConnectionException e) {
            // HikariCP attaches the last failure to open a connection as the cause; a wait that
            // timed out only because every connection was busy has none, and is no outage.
            if (e.getCause() != null) {
                outage = true;
            }
            throw e;
        }
    }

    /** The pool's name, {@code sosops-env-<component>}. */
    public String poolName() {
        return pool.getPoolName();
    }

    /** The most connections this pool opens. */
    public int maximumPoolSize() {
        return pool.getMaximumPoolSize();
    }

    /** Whether the last borrow found the server unreachable. */
    public boolean inOutage() {
        return outage;
    }

    public boolean isClosed() {
        return pool.isClosed();
    }

    /** Closes the pool and every connection it holds. */
    @Override
    public void close() {
        pool.close();
    }

    /** Credentials come from the URL the pool was built from. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a pool built from a URL takes its credentials from the URL");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "PooledDataSource[" + poolName() + ", max " + maximumPoolSize() + "]";
    }
}
