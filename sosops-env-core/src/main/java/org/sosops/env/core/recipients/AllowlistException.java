package org.sosops.env.core.recipients;

/**
 * An allowlist entry or source is malformed; the message names the variable, file and line, or
 * table, and never quotes a full phone number or address.
 */
public final class AllowlistException extends IllegalArgumentException {
    public AllowlistException(String message) {
        super(message);
    }

    public AllowlistException(String message, Throwable cause) {
        super(message, cause);
    }
}
