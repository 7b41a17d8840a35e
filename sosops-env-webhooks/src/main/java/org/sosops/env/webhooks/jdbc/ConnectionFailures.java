package org.sosops.env.webhooks.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * The one place that decides whether a database error means "the store is down": SQLState class
 * {@code 08} (connection exception), {@link SQLTransientConnectionException} (HikariCP's pool
 * timeout among others), {@link SQLNonTransientConnectionException} and HikariCP's state-less
 * "Connection is closed" for a connection it evicted, in the cause chain or suppressed. Anything else — a
 * constraint, a syntax error, a value too long — is a fault of its own and must not be mistaken
 * for an outage, nor for "not seen" or "allowed".
 *
 * <pre>{@code
 * if (ConnectionFailures.isConnectionFailure(e)) { ...apply the store-failure policy... }
 * }</pre>
 */
public final class ConnectionFailures {
    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";
    private ConnectionFailures() {
    }

    /** Whether the throwable or one of its causes is a connection failure. */
    public static boolean isConnectionFailure(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && isConnectionFailure(sql)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SQLException sql && isConnectionFailure(sql)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean isConnectionFailure(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            // HikariCP answers a connection it has already evicted (its server went away mid-use) with
            // this one SQLException, without a SQLState; a library using the connection after the
            // first failure (Bucket4j's rollback) surfaces it instead of the original 08006.
            return HIKARI_CLOSED_CONNECTION.equals(e.getMessage());
        }
        return state.startsWith("08");
    }

    /**
     * The exception types and SQLStates of the cause chain, for logs (never the messages: they may
     * quote values), e.g. {@code SQLException (state none) <- PSQLException (state 08006)}.
     */
    static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause(), depth++) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql) {
                out.append(" (SQLState ").append(sql.getSQLState() == null ? "none" : sql.getSQLState()).append(')');
            }
        }
        return out.toString();
    }
}
