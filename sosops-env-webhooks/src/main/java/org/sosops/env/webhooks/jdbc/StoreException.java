package org.sosops.env.webhooks.jdbc;

/**
 * A shared store (seen ids, rate-limit buckets) could not answer. {@link #unreachable()} tells a
 * connection failure — the store is down, and the host's declared policy decides — from any
 * other database error, which is a fault to report, never a reason to call a request new.
 *
 * <pre>{@code
 * try { seen.markSeen(scope, id, now); }
 * catch (StoreException e) { if (e.unreachable()) { ...503 or accept, by policy... } else { ...500... } }
 * }</pre>
 */
public final class StoreException extends RuntimeException {
    private final boolean unreachable;

    public StoreException(String message, Throwable cause, boolean unreachable) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    /** Wraps a failure, classified by {@link ConnectionFailures}; the message names no secret. */
    public static StoreException of(String what, Throwable cause) {
        boolean down = ConnectionFailures.isConnectionFailure(cause);
        return new StoreException(what + (down ? ": the database is unreachable (" : ": database error (")
                + ConnectionFailures.describe(cause) + ")", cause, down);
    }

    /** True for connection failures only (the store is down); false for every other database error. */
    public boolean unreachable() {
        return unreachable;
    }
}
