package org.sosops.env.flags.store;

/**
 * The flag store cannot be read or written. Messages name the table and the target database
 * ({@code user@host:port/db}), never a password.
 */
public final class FlagStoreException extends RuntimeException {
    public FlagStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public FlagStoreException(String message) {
        super(message);
    }
}
