package org.sosops.env.flags.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.sosops.env.core.catalog.DatabaseUrl;

/**
 * Opens JDBC connections for a {@link JdbcFlagStore}. {@link #target()} names the database for
 * messages, without credentials.
 *
 * <pre>{@code
 * ConnectionFactory db = ConnectionFactory.of(DatabaseUrl.parse(System.getenv("DATABASE_URL")).orElseThrow());
 * ConnectionFactory pooled = ConnectionFactory.of(dataSource, "app pool");
 * }</pre>
 */
public interface ConnectionFactory {
    Connection open() throws SQLException;

    /** What to call the database in messages: never with a password. */
    String target();

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

    /** Connections through {@link DriverManager} (the PostgreSQL driver must be on the class path). */
    static ConnectionFactory of(DatabaseUrl url) {
        Objects.requireNonNull(url, "url");
        String target = url.user().map(u -> u + "@").orElse("") + url.host() + ":" + url.port() + "/" + url.database();
        return new ConnectionFactory() {
            @Override
            public Connection open() throws SQLException {
                Properties properties = new Properties();
                url.user().ifPresent(u -> properties.setProperty("user", u));
                url.password().ifPresent(p -> properties.setProperty("password", p.reveal()));
                return DriverManager.getConnection(url.jdbcUrl(), properties);
            }

            @Override
            public String target() {
                return target;
            }
        };
    }
}
