package org.sosops.env.flags.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.jdbc.PooledDataSource;
import org.sosops.env.core.jdbc.PooledDataSources;

/**
 * Where a {@link JdbcFlagStore} borrows its connections: the host's {@link DataSource}, or a
 * bounded pool built from a URL. {@link #target()} names the database for messages, without
 * credentials. {@link #close()} closes only a pool built here.
 *
 * <pre>{@code
 * ConnectionFactory pooled = ConnectionFactory.of(dataSource, "app pool");     // the host's; never closed here
 * try (ConnectionFactory own = ConnectionFactory.of(DatabaseUrl.parse(System.getenv("DATABASE_URL")).orElseThrow())) {
 *     ...                                                                        // a pool of 10, closed here
 * }
 * }</pre>
 */
public interface ConnectionFactory extends AutoCloseable {
    Connection open() throws SQLException;

    /** What to call the database in messages: never with a password. */
    String target();

    /** Releases what this factory built; a host's {@link DataSource} is left open. */
    @Override
    default void close() {
    }

    static ConnectionFactory of(DataSource dataSource, String target) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(target, "target");
        return new ConnectionFactory() {
            @Override
            public Connection open() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public String target() {
                return target;
            }
        };
    }

    /**
     * A bounded pool ({@value PooledDataSources#DEFAULT_MAXIMUM_POOL_SIZE} connections, named
     * {@code sosops-env-flags}) over a PostgreSQL URL; {@link #close()} closes it.
     *
     * @throws IllegalStateException when the PostgreSQL JDBC driver is not on the class path (one line, naming DATABASE_URL)
     */
    static ConnectionFactory of(DatabaseUrl url) {
        return of(url, PooledDataSources.DEFAULT_MAXIMUM_POOL_SIZE);
    }

    /** As {@link #of(DatabaseUrl)}, with at most {@code maximumPoolSize} connections. */
    static ConnectionFactory of(DatabaseUrl url, int maximumPoolSize) {
        Objects.requireNonNull(url, "url");
        String target = url.user().map(u -> u + "@").orElse("") + url.host() + ":" + url.port() + "/" + url.database();
        PooledDataSource pool = PooledDataSources.postgres("DATABASE_URL", url).component("flags")
                .maximumPoolSize(maximumPoolSize).build();
        return new ConnectionFactory() {
            @Override
            public Connection open() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public String target() {
                return target;
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }
}
