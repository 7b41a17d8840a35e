package org.sosops.env.webhooks.failures;

/** The failure store could not be read or written; the message names the store, never a secret. */
public final class FailureStoreException extends RuntimeException {
    public FailureStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
