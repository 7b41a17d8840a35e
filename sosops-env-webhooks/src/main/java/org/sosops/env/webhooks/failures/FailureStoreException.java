package org.sosops.env.webhooks.failures;

import org.sosops.env.webhooks.jdbc.ConnectionFailures;

/**
 * The failure store could not be read or written; the message names the store, never a secret.
 * {@link #unreachable()} tells "the database cannot be reached" from a database that answers with
 * an error (a table of the wrong shape, a missing privilege), which no waiting will cure.
 */
public final class FailureStoreException extends RuntimeException {
    private final boolean unreachable;

    /** Classified by {@link ConnectionFailures} from the cause. */
    public FailureStoreException(String message, Throwable cause) {
        this(message, cause, cause != null && ConnectionFailures.isConnectionFailure(cause));
    }

    public FailureStoreException(String message, Throwable cause, boolean unreachable) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    /** True when the database could not be reached at all; false when it answered with an error. */
    public boolean unreachable() {
        return unreachable;
    }
}
