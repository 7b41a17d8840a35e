package org.sosops.env.core.recipients;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * An allowlist kept in a PostgreSQL table ({@code entry text primary key}), read whole through
 * JDBC and cached with Caffeine for {@link Builder#cacheFor(Duration)}. When the cached copy has
 * expired and the database cannot be read, or a row is malformed, {@link #current()} throws and the
 * guard refuses: the source fails closed, it never falls back to "allow".
 *
 * <pre>{@code
 * JdbcAllowlistSource source = JdbcAllowlistSource.builder(hostDataSource, normalizer)
 *         .table("sosops_recipient_allowlist")
 *         .cacheFor(Duration.ofSeconds(30))
 *         .build();
 * source.createTableIfMissing();
 * }</pre>
 */
public final class JdbcAllowlistSource implements AllowlistSource {
    /** The default table name. */
    public static final String DEFAULT_TABLE = "sosops_recipient_allowlist";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    private static final String KEY = "allowlist";

    /** Opens a connection; {@code dataSource::getConnection} fits. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final RecipientNormalizer normalizer;
    private final String table;
    private final LoadingCache<String, Allowlist> cache;

    private JdbcAllowlistSource(Builder builder) {
        this.connections = builder.connections;
        this.normalizer = builder.normalizer;
        this.table = builder.table;
        Clock clock = builder.clock;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(builder.ttl.toNanos(), TimeUnit.NANOSECONDS)
                // Time comes from the injected clock so expiry is testable without sleeping.
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build(key -> load());
    }

    public static Builder builder(ConnectionSource connections, RecipientNormalizer normalizer) {
        return new Builder(connections, normalizer);
    }

    /**
     * On the host's {@link DataSource} (its pool): one connection borrowed per cache load, never
     * closed by the source.
     */
    public static Builder builder(DataSource dataSource, RecipientNormalizer normalizer) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new Builder(dataSource::getConnection, normalizer);
    }

    @Override
    public Allowlist current() throws AllowlistUnavailableException {
        try {
            return cache.get(KEY);
        } catch (LoadFailure e) {
            throw new AllowlistUnavailableException(e.getMessage(), e.getCause());
        } catch (RuntimeException e) {
            throw new AllowlistUnavailableException(description() + " cannot be read: " + e, e);
        }
    }

    /** Forgets the cached copy, so the next decision reads the table (e.g. after an edit). */
    public void invalidate() {
        cache.invalidateAll();
    }

    @Override
    public String description() {
        return "table " + table;
    }

    /** Creates the table when it does not exist. */
    public void createTableIfMissing() throws SQLException {
        try (Connection connection = connections.open(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (entry text PRIMARY KEY, "
                    + "added_by text NOT NULL, added_at timestamptz NOT NULL DEFAULT now())");
        }
    }

    /**
     * Adds an entry (checked first, so a malformed one never reaches the table) and forgets the cache.
     *
     * @throws AllowlistException when the entry is malformed
     */
    public void add(String entry, String addedBy) throws SQLException {
        Allowlist.builder(normalizer).add(entry);
        try (Connection connection = connections.open();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO " + table + " (entry, added_by) VALUES (?, ?) ON CONFLICT (entry) DO NOTHING")) {
            insert.setString(1, entry.strip());
            insert.setString(2, Objects.requireNonNull(addedBy, "addedBy"));
            insert.executeUpdate();
        }
        invalidate();
    }

    private Allowlist load() {
        Allowlist.Builder builder = Allowlist.builder(normalizer);
        try (Connection connection = connections.open();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT entry FROM " + table + " ORDER BY entry")) {
            int row = 0;
            while (rows.next()) {
                row++;
                String entry = rows.getString(1);
                Optional<String> problem = builder.tryAdd(entry);
                if (problem.isPresent()) {
                    throw new LoadFailure(description() + " row " + row + " (entry '"
                            + RecipientNormalizer.mask(entry == null ? "" : entry.strip()) + "') " + problem.get()
                            + "; fix or delete the row", null);
                }
            }
        } catch (SQLException e) {
            throw new LoadFailure(description() + " cannot be read (SQLState " + e.getSQLState() + "): "
                    + e.getMessage(), e);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "JdbcAllowlistSource[" + table + "]";
    }

    /** Carries a load failure through the cache to {@link #current()}. */
    private static final class LoadFailure extends RuntimeException {
        LoadFailure(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** Configures a {@link JdbcAllowlistSource}. */
    public static final class Builder {
        private final ConnectionSource connections;
        private final RecipientNormalizer normalizer;
        private String table = DEFAULT_TABLE;
        private Duration ttl = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder(ConnectionSource connections, RecipientNormalizer normalizer) {
            this.connections = Objects.requireNonNull(connections, "connections");
            this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        }

        /** The table, optionally schema-qualified; a plain SQL identifier. */
        public Builder table(String table) {
            if (table == null || !IDENTIFIER.matcher(table).matches()) {
                throw new IllegalArgumentException("allowlist table name must be a plain SQL identifier "
                        + "(letters, digits, underscores, optionally schema.table)");
            }
            this.table = table;
            return this;
        }

        /** How long a read of the table is trusted; after that a failed read refuses sends. */
        public Builder cacheFor(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("allowlist cache duration must be positive");
            }
            this.ttl = ttl;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public JdbcAllowlistSource build() {
            return new JdbcAllowlistSource(this);
        }
    }
}
