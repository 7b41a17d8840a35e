package org.sosops.env.core.recipients;

/**
 * An allowlist source cannot answer (database down, bad row, unreadable file). The guard turns it
 * into a refusal: a send is never allowed on the strength of a source it could not read.
 */
public final class AllowlistUnavailableException extends Exception {
    public AllowlistUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public AllowlistUnavailableException(String message) {
        super(message);
    }
}
