package org.sosops.env.core.register;

/** The register file itself cannot be read. The message names the file. */
public final class RegisterException extends RuntimeException {
    public RegisterException(String message) {
        super(message);
    }
}
