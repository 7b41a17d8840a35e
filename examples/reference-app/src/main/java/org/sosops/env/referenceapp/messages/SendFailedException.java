package org.sosops.env.referenceapp.messages;

/** The provider refused or could not be reached; the message names the provider and status, never a secret. */
public final class SendFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public SendFailedException(String message) {
        super(message);
    }

    public SendFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
