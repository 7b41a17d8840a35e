package org.sosops.env.webhooks.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * The one place that decides whether a database error means "the store is down": SQLState class
 * {@code 08} (connection exception), {@link SQLTransientConnectionException} (HikariCP's pool
 * timeout among others) and {@link SQLNonTransientConnectionException}. Anything else — a
 * constraint, a syntax error, a value too long — is a fault of its own and must not be mistaken
 * for an outage, nor for "not seen" or "allowed".
 *
 * <pre>{@code
 * if (ConnectionFailures.isConnectionFailure(e)) { ...apply the store-failure policy... }
 * }</pre>
 */
public final class ConnectionFailures {
    private ConnectionFailures() {
    }

    /** Whether the throwable or one of its causes is a connection failure. */
    public static boolean isConnectionFailure(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && isConnectionFailure(sql)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isConnectionFailure(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    /** The SQLState and exception type of the first SQL cause, for logs (never the message: it may quote values). */
    static String describe(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                return "SQLState " + sql.getSQLState() + ", " + sql.getClass().getSimpleName();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
