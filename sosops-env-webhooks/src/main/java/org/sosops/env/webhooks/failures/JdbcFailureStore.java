package org.sosops.env.webhooks.failures;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sosops.env.webhooks.jdbc.Database;

/**
 * Failure records in PostgreSQL (shared by the fleet) or embedded H2. The schema ships in this jar
 * ({@code org/sosops/env/webhooks/failures/schema-postgresql.sql}, {@code schema-h2.sql}) and is
 * applied on {@link #open} when the table is missing.
 *
 * <pre>{@code
 * FailureStore store = JdbcFailureStore.open(Database.fromUrl(System.getenv("DATABASE_URL")));
 * }</pre>
 */
public final class JdbcFailureStore implements FailureStore {
    public static final String TABLE = "sosops_webhook_failures";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() { };
    private static final String COLUMNS = "id, request_id, endpoint, provider, reason, received_at, headers, body,"
            + " source_address, replayed_at";

    private final Database database;

    private JdbcFailureStore(Database database) {
        this.database = database;
    }

    /**
     * Opens the store, creating its table when missing.
     *
     * @throws FailureStoreException when the database is unreachable
     */
    public static JdbcFailureStore open(Database database) {
        JdbcFailureStore store = new JdbcFailureStore(database);
        store.applySchema();
        return store;
    }

    /** The shipped DDL for a dialect. */
    public static String schema(Database.Dialect dialect) {
        String name = dialect == Database.Dialect.POSTGRESQL ? "schema-postgresql.sql" : "schema-h2.sql";
        try (InputStream in = JdbcFailureStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the schema resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the schema resource " + name, e);
        }
    }

    private void applySchema() {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            for (String statement : schema(database.dialect()).split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        } catch (SQLException e) {
            throw failure("create the failure table in", e);
        }
    }

    @Override
    public void record(FailureRecord failure) {
        try (Connection c = database.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, failure.id());
            insert.setString(2, failure.requestId());
            insert.setString(3, failure.endpoint());
            insert.setString(4, failure.provider());
            insert.setString(5, failure.reason());
            insert.setTimestamp(6, Timestamp.from(failure.receivedAt()));
            insert.setString(7, JSON.writeValueAsString(failure.headers()));
            insert.setBytes(8, failure.body());
            insert.setString(9, failure.sourceAddress().orElse(null));
            insert.setTimestamp(10, failure.replayedAt().map(Timestamp::from).orElse(null));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw failure("store a webhook failure in", e);
            }
        } catch (IOException e) {
            throw new FailureStoreException("cannot encode the headers of " + failure, e);
        }
    }

    @Override
    public List<FailureRecord> list(int limit) {
        try (Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                     + " ORDER BY received_at DESC, id LIMIT ?")) {
            select.setInt(1, limit);
            List<FailureRecord> out = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(read(rows));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list webhook failures from", e);
        }
    }

    @Override
    public Optional<FailureRecord> find(String id) {
        try (Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read a webhook failure from", e);
        }
    }

    @Override
    public boolean markReplayed(String id, Instant at) {
        try (Connection c = database.connect();
             PreparedStatement update = c.prepareStatement("UPDATE " + TABLE + " SET replayed_at = ? WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, id);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("mark a webhook failure replayed in", e);
        }
    }

    @Override
    public int deleteReceivedBefore(Instant cutoff) {
        try (Connection c = database.connect();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE received_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete old webhook failures from", e);
        }
    }

    private static FailureRecord read(ResultSet rows) throws SQLException {
        Map<String, List<String>> headers;
        try {
            headers = JSON.readValue(rows.getString("headers"), HEADERS);
        } catch (IOException e) {
            headers = Map.of();
        }
        Timestamp replayed = rows.getTimestamp("replayed_at");
        return new FailureRecord(rows.getString("id"), rows.getString("request_id"), rows.getString("endpoint"),
                rows.getString("provider"), rows.getString("reason"), rows.getTimestamp("received_at").toInstant(),
                headers, rows.getBytes("body"), Optional.ofNullable(rows.getString("source_address")),
                Optional.ofNullable(replayed).map(Timestamp::toInstant));
    }

    private FailureStoreException failure(String action, SQLException e) {
        return new FailureStoreException("cannot " + action + " " + database + " (SQL state " + e.getSQLState() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcFailureStore[" + database + "]";
    }
}
