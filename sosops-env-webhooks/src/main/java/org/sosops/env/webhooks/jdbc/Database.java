package org.sosops.env.webhooks.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.sosops.env.core.catalog.DatabaseUrl;

/**
 * Where the webhook tables live: PostgreSQL from {@code DATABASE_URL} (shared by every instance),
 * or an embedded H2 file when there is none. Connections come from {@link DriverManager}: one short
 * connection per operation, short timeouts, so an unreachable
 * server fails fast instead of stalling a webhook.
 *
 * <pre>{@code
 * Database db = Database.fromUrl(System.getenv("DATABASE_URL"));      // postgres://..., jdbc:postgresql://...
 * Database local = Database.embedded(Path.of(".sosops-env/webhooks"));
 * }</pre>
 */
public final class Database {
    private final String jdbcUrl;
    private final Properties properties;
    private final Dialect dialect;
    private final String description;

    private Database(String jdbcUrl, Properties properties, Dialect dialect, String description) {
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.dialect = dialect;
        this.description = description;
    }

    /** The SQL flavour, for the few statements that differ. */
    public enum Dialect {
        POSTGRESQL,
        H2
    }

    /**
     * A PostgreSQL URL in any form {@code DATABASE_URL} accepts, or a {@code jdbc:h2:} URL.
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the URL (it may hold a password)
     */
    public static Database fromUrl(String url) {
        Objects.requireNonNull(url, "url");
        if (url.startsWith("jdbc:h2:")) {
            return new Database(url, new Properties(), Dialect.H2, "H2 " + url.replaceAll(";.*", ""));
        }
        DatabaseUrl parsed = DatabaseUrl.parse(url).orElseThrow(() -> new IllegalArgumentException(
                "the database URL " + DatabaseUrl.problem(url).orElse("is not usable")));
        Properties properties = new Properties();
        parsed.user().ifPresent(u -> properties.setProperty("user", u));
        parsed.password().ifPresent(p -> properties.setProperty("password", p.reveal()));
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "15");
        properties.setProperty("ApplicationName", "sosops-env-webhooks");
        return new Database(parsed.jdbcUrl(), properties, Dialect.POSTGRESQL, parsed.toString());
    }

    /** An embedded H2 database in this directory, created when missing. */
    public static Database embedded(Path directory) {
        String file = directory.toAbsolutePath().resolve("webhooks").toString().replace('\\', '/');
        return new Database("jdbc:h2:file:" + file + ";DB_CLOSE_DELAY=-1", new Properties(), Dialect.H2,
                "embedded H2 " + file);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** A {@link DataSource} over the same database, for libraries that take one (Bucket4j). */
    public DataSource dataSource() {
        if (dialect == Dialect.H2) {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL(jdbcUrl);
            return h2;
        }
        org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
        pg.setURL(jdbcUrl);
        pg.setUser(properties.getProperty("user"));
        if (properties.containsKey("password")) {
            pg.setPassword(properties.getProperty("password"));
        }
        pg.setConnectTimeout(5);
        pg.setSocketTimeout(15);
        pg.setApplicationName("sosops-env-webhooks");
        return pg;
    }

    @Override
    public String toString() {
        return "Database[" + description + "]";
    }
}
