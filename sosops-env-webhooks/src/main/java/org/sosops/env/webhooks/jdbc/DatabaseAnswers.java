package org.sosops.env.webhooks.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a database that answered said, in one line fit for a start-up error: a server that refuses
 * the login or the database name is reachable, and a table of the wrong shape or a missing
 * privilege is a fault to fix, not an outage to wait out ({@link ConnectionFailures} keeps deciding
 * what counts as "down" while serving).
 *
 * <pre>{@code
 * catch (SQLException e) { throw new IllegalStateException("table x cannot be used: " + DatabaseAnswers.oneLine(e)); }
 * }</pre>
 */
public final class DatabaseAnswers {
    private static final int MAX_TEXT = 200;

    private DatabaseAnswers() {
    }

    /**
     * The server's refusal of the connection itself — SQLState class {@code 28} (the user or its
     * password) or {@code 3D000} (no such database) — found anywhere in the cause chain, where a
     * pool's time-out wraps it.
     */
    public static Optional<String> refusedLogin(Throwable failure) {
        // The deepest one: HikariCP copies the driver's SQLState onto its own "request timed out".
        SQLException refusal = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"))) {
                refusal = sql;
            }
        }
        return Optional.ofNullable(refusal).map(DatabaseAnswers::oneLine);
    }

    /**
     * Why a table could not be created or opened, in one line: {@code the database is unreachable
     * (...)}, {@code refused the connection: ...}, or what the database answered.
     */
    public static String whyNotOpened(SQLException e) {
        Optional<String> refused = refusedLogin(e);
        if (refused.isPresent()) {
            return "refused the connection: " + refused.get();
        }
        if (ConnectionFailures.isConnectionFailure(e)) {
            return "the database is unreachable (" + ConnectionFailures.describe(e) + ")";
        }
        return oneLine(e);
    }

    /**
     * {@code column "headers" does not exist (SQLState 42703)}. The server's own words only for
     * class {@code 42} (schema, privilege), which names objects, never values; a refused login in
     * fixed words (a driver may quote what it was given); otherwise the exception types and
     * SQLStates alone, as a value in a message could be personal data.
     */
    public static String oneLine(SQLException e) {
        String state = e.getSQLState() == null ? "none" : e.getSQLState();
        if (state.startsWith("42")) {
            return serverText(e.getMessage()) + " (SQLState " + state + ")";
        }
        if (state.equals("28P01")) {
            return "the password was rejected (SQLState 28P01)";
        }
        if (state.startsWith("28")) {
            return "the user is unknown or may not log in (SQLState " + state + ")";
        }
        if (state.equals("3D000")) {
            return "the database does not exist (SQLState 3D000)";
        }
        return "database error (" + ConnectionFailures.describe(e) + ")";
    }

    /** PostgreSQL: {@code ERROR: text} then detail lines; H2: {@code text; SQL statement: ...}. */
    private static String serverText(String message) {
        String text = message == null ? "" : message.lines().findFirst().orElse("").strip();
        text = text.replaceFirst("^(ERROR|FATAL):\\s*", "");
        int statement = text.toLowerCase(Locale.ROOT).indexOf("; sql statement:");
        if (statement >= 0) {
            text = text.substring(0, statement);
        }
        if (text.isEmpty()) {
            return "the database refused the statement";
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }
}
