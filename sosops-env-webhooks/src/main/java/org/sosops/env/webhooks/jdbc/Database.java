package org.sosops.env.webhooks.jdbc;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sosops.env.core.catalog.DatabaseUrl;

/**
 * Where the webhook tables live: PostgreSQL from {@code DATABASE_URL} (shared by every instance),
 * or an embedded H2 file when there is none. A plain {@link DataSource} over
 * {@link DriverManager}: one short connection per operation, short timeouts, so an unreachable
 * server fails fast instead of stalling a webhook.
 *
 * <pre>{@code
 * Database db = Database.fromUrl(System.getenv("DATABASE_URL"));      // postgres://..., jdbc:postgresql://...
 * Database local = Database.embedded(Path.of(".sosops-env/webhooks"));
 * }</pre>
 */
public final class Database implements DataSource {
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

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties copy = new Properties();
        copy.putAll(properties);
        copy.setProperty("user", username);
        copy.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl, copy);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager logging is the host's business.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Timeouts are set per connection through the properties.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "Database[" + description + "]";
    }
}
