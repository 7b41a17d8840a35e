package org.sosops.env.cli.support;

/**
 * Bad input the user can fix (missing file, malformed line, bad JSON): exit 2 with this message
 * as the one-line reason. The message must name the file, line or option and never a secret.
 */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }
}
