package org.sosops.env.referenceapp;

/**
 * A setting of the application itself ({@code PORT}, a {@code SOSOPS_*} value) is unusable, or a
 * resource it names cannot be opened. The message names the variable and never holds a secret.
 */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
