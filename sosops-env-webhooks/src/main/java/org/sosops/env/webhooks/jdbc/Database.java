package org.sosops.env.webhooks.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.jdbc.PooledDataSources;

/**
 * Where the webhook tables live: the host's own {@link DataSource} (PostgreSQL shared by every
 * instance, or H2), a pool the library builds from {@code DATABASE_URL}, or an embedded H2 file
 * when there is none. Every operation borrows a connection from the {@link DataSource} and gives
 * it back at once.
 *
 * <pre>{@code
 * Database shared = Database.of(hostDataSource);                      // dialect from the connection
 * try (Database db = Database.fromUrl(System.getenv("DATABASE_URL"))) { // a bounded pool, closed here
 *     ...
 * }
 * Database local = Database.embedded(Path.of(".sosops-env/webhooks"));
 * }</pre>
 *
 * <p>{@link #close()} closes only a pool this class built ({@link #fromUrl}, {@link #embedded});
 * a host's {@link DataSource} stays open: it is the host's to close.
 */
public final class Database implements AutoCloseable {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final String description;
    private final AutoCloseable owned;

    private Database(DataSource dataSource, Dialect dialect, String description, AutoCloseable owned) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.description = description;
        this.owned = owned;
    }

    /** The SQL flavour, for the few statements that differ. */
    public enum Dialect {
        POSTGRESQL,
        H2
    }

    /** The host's {@link DataSource}, of a known dialect. Never closed by this class. */
    public static Database of(DataSource dataSource, Dialect dialect) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dialect, "dialect");
        return new Database(dataSource, dialect, "host DataSource (" + dialect + ")", null);
    }

    /**
     * The host's {@link DataSource}; the dialect is read from one connection's metadata.
     *
     * @throws IllegalStateException when no connection can be had, or the database is neither PostgreSQL nor H2
     */
    public static Database of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return of(dataSource, detectDialect(dataSource));
    }

    /** PostgreSQL or H2, from the product name a connection reports. */
    public static Dialect detectDialect(DataSource dataSource) {
        String product;
        boolean autoCommit;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
            autoCommit = connection.getAutoCommit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the DataSource to tell its database ("
                    + e.getClass().getSimpleName() + ", SQLState " + e.getSQLState() + ")", e);
        }
        if (!autoCommit) {
            // Each webhook statement is its own transaction; with auto-commit off nothing would ever commit.
            throw new IllegalStateException("the DataSource hands out connections with auto-commit off;"
                    + " the webhook tables need auto-commit on (the default of HikariCP and Spring Boot)");
        }
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return Dialect.POSTGRESQL;
        }
        if (name.equals("h2")) {
            return Dialect.H2;
        }
        throw new IllegalStateException("the webhook tables need PostgreSQL or H2, the DataSource is " + product);
    }

    /**
     * A bounded pool (HikariCP, named {@code sosops-env-webhooks}) over a PostgreSQL URL in any form
     * {@code DATABASE_URL} accepts, or a {@code jdbc:h2:} URL. {@link #close()} closes it.
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the URL (it may hold a password)
     * @throws IllegalStateException    when the JDBC driver for the URL is not on the class path
     */
    public static Database fromUrl(String url) {
        return fromUrl(url, PooledDataSources.DEFAULT_MAXIMUM_POOL_SIZE);
    }

    /** As {@link #fromUrl(String)}, with at most {@code maximumPoolSize} connections. */
    public static Database fromUrl(String url, int maximumPoolSize) {
        Objects.requireNonNull(url, "url");
        if (url.startsWith("jdbc:h2:")) {
            var pool = PooledDataSources.h2("the database URL", url).component("webhooks")
                    .maximumPoolSize(maximumPoolSize).build();
            return new Database(pool, Dialect.H2, "H2 " + url.replaceAll(";.*", ""), pool);
        }
        DatabaseUrl parsed = DatabaseUrl.parse(url).orElseThrow(() -> new IllegalArgumentException(
                "the database URL " + DatabaseUrl.problem(url).orElse("is not usable")));
        var pool = PooledDataSources.postgres("DATABASE_URL", parsed).component("webhooks")
                .maximumPoolSize(maximumPoolSize).build();
        return new Database(pool, Dialect.POSTGRESQL, parsed.toString(), pool);
    }

    /** An embedded H2 database in this directory, created when missing (a small pool, closed by {@link #close()}). */
    public static Database embedded(Path directory) {
        String file = directory.toAbsolutePath().resolve("webhooks").toString().replace('\\', '/');
        var pool = PooledDataSources.h2("DATABASE_URL is unset, so the embedded webhook store",
                "jdbc:h2:file:" + file + ";DB_CLOSE_DELAY=-1").component("webhooks").build();
        return new Database(pool, Dialect.H2, "embedded H2 " + file, pool);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** A connection from the data source; the caller closes it (for a pool: gives it back). */
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** The wrapped {@link DataSource}: the host's, or the pool this class built. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether {@link #close()} closes the data source (it was built here, not handed in). */
    public boolean ownsDataSource() {
        return owned != null;
    }

    /** Closes the pool this class built; does nothing to a host's {@link DataSource}. */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + this + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "Database[" + description + "]";
    }
}
