package org.sosops.env.webhooks;

/**
 * The guard cannot be built as configured, e.g. a strict environment without a signing secret.
 * The message names the variable and the fix, never a value.
 */
public final class WebhookConfigurationException extends RuntimeException {
    public WebhookConfigurationException(String message) {
        super(message);
    }

    public WebhookConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
