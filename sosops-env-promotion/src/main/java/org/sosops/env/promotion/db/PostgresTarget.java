package org.sosops.env.promotion.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.promotion.PromotionInputException;

/**
 * A PostgreSQL database named by a {@code DATABASE_URL}-style URL, opened with a short connect
 * timeout: one connection per call, for the command line's one-shot commands (a pool would
 * outlive them; a long-running host hands {@code PromotionLedger.on} its own {@code DataSource}). Shown (in {@link #toString()} and errors) as {@code user@host:port/database}, never
 * with its password.
 *
 * <pre>{@code
 * PostgresTarget staging = PostgresTarget.parse("--from-database-url", url);
 * try (Connection c = staging.connect()) { ... }
 * }</pre>
 */
public final class PostgresTarget {
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final DatabaseUrl url;
    private final String what;

    private PostgresTarget(DatabaseUrl url, String what) {
        this.url = Objects.requireNonNull(url);
        this.what = Objects.requireNonNull(what);
    }

    /**
     * Parses {@code value}; {@code what} names it in errors (an option or variable name).
     *
     * @throws PromotionInputException when it is not a PostgreSQL URL with a database
     */
    public static PostgresTarget parse(String what, String value) {
        return new PostgresTarget(DatabaseUrl.parse(value).orElseThrow(() -> new PromotionInputException(
                what + " " + DatabaseUrl.problem(value).orElse("is not a PostgreSQL URL"))), what);
    }

    /** The database a parsed URL names (e.g. one read from a named environment variable). */
    public static PostgresTarget of(DatabaseUrl url) {
        return new PostgresTarget(url, "the database URL");
    }

    public DatabaseUrl url() {
        return url;
    }

    /** The database name, e.g. {@code sos_ops_prod}. */
    public String database() {
        return url.database();
    }

    /**
     * Opens a connection.
     *
     * @throws PromotionInputException naming the target when the database cannot be reached
     */
    public Connection connect() {
        requireDriver();
        Properties properties = new Properties();
        url.user().ifPresent(u -> properties.setProperty("user", u));
        url.password().ifPresent(p -> properties.setProperty("password", p.reveal()));
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try {
            return DriverManager.getConnection(url.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    /** The driver is the application's (the CLI ships it); without it, say so in one line naming the option. */
    private void requireDriver() {
        try {
            Class.forName("org.postgresql.Driver", false, PostgresTarget.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PromotionInputException(what + " needs the PostgreSQL JDBC driver (org.postgresql:postgresql) on the class path");
        }
    }

    /** An input error naming this database, for a failure while talking to it. */
    public PromotionInputException unreachable(SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
        return new PromotionInputException("cannot use database " + this + ": " + redact(reason), e);
    }

    private String redact(String text) {
        return url.password().map(p -> p.isBlank() ? text : text.replace(p.reveal(), "***")).orElse(text);
    }

    @Override
    public String toString() {
        return url.user().map(u -> u + "@").orElse("") + url.host() + ":" + url.port() + "/" + url.database();
    }
}
