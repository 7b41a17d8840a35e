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
import org.sosops.env.webhooks.jdbc.ConnectionFailures;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.jdbc.DatabaseAnswers;

/**
 * Failure records in PostgreSQL (shared by the fleet) or embedded H2. The schema ships in this jar
 * ({@code org/sosops/env/webhooks/failures/schema-postgresql.sql}, {@code schema-h2.sql}) and is
 * applied on {@link #open}: the table is created when missing, and a table of an older version
 * gets the columns it lacks (its rows count as refused and carry no signatures, so they never
 * replay).
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
    private static final String COLUMNS = "id, request_id, endpoint, provider, reason, received_at, headers,"
            + " signing_headers, raw_query, body, truncated, refused, source_address, replayed_at";
    /** The columns added after the first release; their presence means the table is up to date. */
    private static final String LATER_COLUMNS = "signing_headers, raw_query, truncated, refused";

    private final Database database;

    private JdbcFailureStore(Database database) {
        this.database = database;
    }

    /**
     * Opens the store, creating its table when missing.
     *
     * @throws FailureStoreException when the database is unreachable ({@link FailureStoreException#unreachable()}),
     *                               or answers but refuses the login or the table (its message says which)
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
            boolean upToDate = hasLaterColumns(c);
            for (String statement : schema(database.dialect()).split(";")) {
                // ALTER takes an exclusive table lock even when the column exists: skip it on a current table.
                boolean alter = statement.strip().lines().filter(l -> !l.startsWith("--")).findFirst()
                        .orElse("").startsWith("ALTER");
                if (!statement.isBlank() && !(alter && upToDate)) {
                    s.execute(statement);
                }
            }
            if (!upToDate) {
                scrubFirstReleaseHeaders(c);
            }
        } catch (SQLException e) {
            throw schemaFailure(e);
        }
    }

    /**
     * Start-up tells an outage from a database that answers: a refused login or a table that
     * does not fit will not cure itself, so it is named as such (one line, no secret).
     */
    private FailureStoreException schemaFailure(SQLException e) {
        Optional<String> refused = DatabaseAnswers.refusedLogin(e);
        if (refused.isPresent()) {
            return new FailureStoreException(database + " refused the connection: " + refused.get()
                    + "; check the user, password and database name of its URL", e, false);
        }
        if (ConnectionFailures.isConnectionFailure(e)) {
            return new FailureStoreException("cannot reach " + database + " to open the table " + TABLE
                    + " (SQL state " + e.getSQLState() + ")", e, true);
        }
        return new FailureStoreException("the table " + TABLE + " in " + database + " cannot be used: "
                + DatabaseAnswers.oneLine(e) + advice(e.getSQLState(), database.dialect()), e, false);
    }

    private static String advice(String state, Database.Dialect dialect) {
        if ("42501".equals(state)) {
            return "; the database user needs CREATE on the table's schema and SELECT, INSERT, UPDATE, DELETE on"
                    + " the table (and to own it when an upgrade adds columns)";
        }
        if (state != null && state.startsWith("42")) {
            return "; it must have the columns of " + (dialect == Database.Dialect.POSTGRESQL ? "schema-postgresql.sql"
                    : "schema-h2.sql") + " in the sosops-env-webhooks jar (org/sosops/env/webhooks/failures)";
        }
        return "";
    }

    /**
     * The first release kept headers by a deny-list, so its rows may hold a custom token header
     * (such as {@code X-Hook-Key}) in clear: on upgrade, every row's headers are cut down to the
     * allow-list.
     */
    private static void scrubFirstReleaseHeaders(Connection c) throws SQLException {
        // id -> {kept headers as JSON, the query the first release kept as a ":query" pseudo-header}
        Map<String, String[]> scrubbed = new java.util.LinkedHashMap<>();
        try (Statement select = c.createStatement();
             ResultSet rows = select.executeQuery("SELECT id, headers FROM " + TABLE)) {
            while (rows.next()) {
                String json = rows.getString("headers");
                Map<String, List<String>> all = headers(json);
                String query = all.getOrDefault(":query", List.of()).stream().findFirst().orElse(null);
                String keptJson;
                try {
                    keptJson = JSON.writeValueAsString(StoredHeaders.descriptive(all));
                } catch (IOException e) {
                    keptJson = "{}";
                }
                if (!keptJson.equals(json)) {
                    scrubbed.put(rows.getString("id"), new String[] {keptJson, query});
                }
            }
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE " + TABLE
                + " SET headers = ?, raw_query = COALESCE(raw_query, ?) WHERE id = ?")) {
            for (Map.Entry<String, String[]> row : scrubbed.entrySet()) {
                update.setString(1, row.getValue()[0]);
                update.setString(2, row.getValue()[1]);
                update.setString(3, row.getKey());
                update.executeUpdate();
            }
        }
    }

    private static boolean hasLaterColumns(Connection c) {
        try (Statement probe = c.createStatement()) {
            probe.executeQuery("SELECT " + LATER_COLUMNS + " FROM " + TABLE + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException missingTableOrColumn) {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            } catch (SQLException ignored) {
                // The schema statements below report any real problem.
            }
            return false;
        }
    }

    @Override
    public void record(FailureRecord failure) {
        try (Connection c = database.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, failure.id());
            insert.setString(2, failure.requestId());
            insert.setString(3, failure.endpoint());
            insert.setString(4, failure.provider());
            insert.setString(5, failure.reason());
            insert.setTimestamp(6, Timestamp.from(failure.receivedAt()));
            insert.setString(7, JSON.writeValueAsString(failure.headers()));
            insert.setString(8, JSON.writeValueAsString(failure.signingHeaders()));
            insert.setString(9, failure.rawQuery().orElse(null));
            insert.setBytes(10, failure.body());
            insert.setBoolean(11, failure.truncated());
            insert.setBoolean(12, failure.refused());
            insert.setString(13, failure.sourceAddress().orElse(null));
            insert.setTimestamp(14, failure.replayedAt().map(Timestamp::from).orElse(null));
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
        Map<String, List<String>> headers = headers(rows.getString("headers"));
        Optional<String> query = Optional.ofNullable(rows.getString("raw_query"));
        if (query.isEmpty() && headers.containsKey(":query")) {
            // Rows of the first release kept the query as a pseudo-header.
            query = headers.get(":query").stream().findFirst();
        }
        Timestamp replayed = rows.getTimestamp("replayed_at");
        return new FailureRecord(rows.getString("id"), rows.getString("request_id"), rows.getString("endpoint"),
                rows.getString("provider"), rows.getString("reason"), rows.getTimestamp("received_at").toInstant(),
                headers, headers(rows.getString("signing_headers")), query, rows.getBytes("body"),
                rows.getBoolean("truncated"), rows.getBoolean("refused"),
                Optional.ofNullable(rows.getString("source_address")), Optional.ofNullable(replayed).map(Timestamp::toInstant));
    }

    private static Map<String, List<String>> headers(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, HEADERS);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private FailureStoreException failure(String action, SQLException e) {
        return new FailureStoreException("cannot " + action + " " + database + " (SQL state " + e.getSQLState() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcFailureStore[" + database + "]";
    }
}
