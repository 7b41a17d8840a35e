package org.sosops.env.flags.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.flags.value.FlagValue;

/**
 * {@link FlagStore} on a PostgreSQL table (schema: {@link #MIGRATION_RESOURCE}). Changes made
 * through any client fire a trigger that notifies {@code <table>_changed}; {@link #subscribe}
 * listens on it, so every application instance reloads.
 *
 * <pre>{@code
 * JdbcFlagStore store = JdbcFlagStore.on(hostDataSource);              // the application's pool
 * JdbcFlagStore own = JdbcFlagStore.builder()                           // or a pool built from the URL
 *         .connections(ConnectionFactory.of(DatabaseUrl.parse(System.getenv("DATABASE_URL")).orElseThrow()))
 *         .table("sosops_feature_flags")
 *         .build();
 * store.migrate();
 * }</pre>
 *
 * <p>Every read and write borrows a connection and gives it back at once. {@link #subscribe}
 * is the exception: {@code LISTEN} belongs to one session, so the listener holds one connection
 * of the same data source for as long as it listens (size a pool one larger than the request path
 * needs). A pool's maximum lifetime does not cut it: pools retire a connection when it is given
 * back, and the listener reconnects with a back-off if the server drops it. {@link #close()}
 * closes a pool the store built ({@link ConnectionFactory#of(org.sosops.env.core.catalog.DatabaseUrl)}),
 * never the host's {@code DataSource}.
 *
 * <p>A row whose value is not usable JSON is skipped with a warning naming its key: that flag
 * falls back to its default instead of taking a garbage value.
 */
public final class JdbcFlagStore implements FlagStore, AutoCloseable {
    /** The schema, as a class-path resource for Flyway or Liquibase users. */
    public static final String MIGRATION_RESOURCE = "org/sosops/env/flags/store/V1__sosops_feature_flags.sql";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcFlagStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ConnectionFactory connections;
    private final TableName table;

    private JdbcFlagStore(ConnectionFactory connections, TableName table) {
        this.connections = connections;
        this.table = table;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A store on the host's {@link DataSource} (default table); the store never closes it. */
    public static JdbcFlagStore on(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /** Closes the pool the store's {@link ConnectionFactory} built, if any; a host's data source stays open. */
    @Override
    public void close() {
        connections.close();
    }

    /** The configured table name. */
    public String table() {
        return table.value();
    }

    /** The database, as messages name it (no password). */
    public String target() {
        return connections.target();
    }

    /** Creates the table, the notify function and the trigger when missing. Idempotent. */
    public void migrate() {
        String sql = migrationSql().replace(TableName.DEFAULT, table.value());
        try (Connection connection = connections.open(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failure("cannot create flag table " + table, e);
        }
    }

    @Override
    public Map<String, FlagValue> loadAll() {
        Map<String, FlagValue> values = new LinkedHashMap<>();
        try (Connection connection = connections.open();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT flag_key, value::text FROM " + table + " ORDER BY flag_key")) {
            while (rows.next()) {
                String key = rows.getString(1);
                parse(key, rows.getString(2)).ifPresent(value -> values.put(key, value));
            }
        } catch (SQLException e) {
            throw failure("cannot read flag table " + table, e);
        }
        return Collections.unmodifiableMap(values);
    }

    @Override
    public void put(String key, FlagValue value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String sql = "INSERT INTO " + table + " (flag_key, value, updated_at) VALUES (?, ?::jsonb, now()) "
                + "ON CONFLICT (flag_key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()";
        update(sql, key, value.toJson().toString());
    }

    @Override
    public void remove(String key) {
        update("DELETE FROM " + table + " WHERE flag_key = ?", Objects.requireNonNull(key, "key"), null);
    }

    @Override
    public Subscription subscribe(Runnable onChange) {
        return new PgNotificationListener(connections, table.channel(), Objects.requireNonNull(onChange)).start();
    }

    private void update(String sql, String key, String json) {
        try (Connection connection = connections.open(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            if (json != null) {
                statement.setString(2, json);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot write flag '" + key + "' to table " + table, e);
        }
    }

    private Optional<FlagValue> parse(String key, String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            Optional<FlagValue> value = FlagValue.fromJson(node);
            if (value.isEmpty()) {
                LOG.warn("flag '{}' in {} holds JSON null; ignoring the row, the flag falls back to its default",
                        key, table);
            }
            return value;
        } catch (JsonProcessingException e) {
            LOG.warn("flag '{}' in {} does not hold JSON; ignoring the row", key, table);
            return Optional.empty();
        }
    }

    private FlagStoreException failure(String what, SQLException e) {
        return new FlagStoreException(what + " in " + connections.target() + ": " + describe(e), e);
    }

    /** The driver's message stripped to one line; drivers do not echo passwords, we still never add one. */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        message = newline >= 0 ? message.substring(0, newline) : message;
        return message.strip() + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }

    static String migrationSql() {
        try (InputStream in = JdbcFlagStore.class.getClassLoader().getResourceAsStream(MIGRATION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + MIGRATION_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configures a {@link JdbcFlagStore}. */
    public static final class Builder {
        private ConnectionFactory connections;
        private TableName table = new TableName(TableName.DEFAULT);

        private Builder() {
        }

        public Builder connections(ConnectionFactory connections) {
            this.connections = Objects.requireNonNull(connections, "connections");
            return this;
        }

        /** Connections from the host's {@link DataSource}, never closed by the store. */
        public Builder dataSource(DataSource dataSource) {
            return connections(ConnectionFactory.of(dataSource, "the application's DataSource"));
        }

        /**
         * The table (default {@code sosops_feature_flags}).
         *
         * @throws IllegalArgumentException unless it matches {@code [a-z_][a-z0-9_]{0,47}}
         */
        public Builder table(String name) {
            this.table = new TableName(name);
            return this;
        }

        public JdbcFlagStore build() {
            if (connections == null) {
                throw new IllegalStateException("JdbcFlagStore needs connections(...)");
            }
            return new JdbcFlagStore(connections, table);
        }
    }
}
