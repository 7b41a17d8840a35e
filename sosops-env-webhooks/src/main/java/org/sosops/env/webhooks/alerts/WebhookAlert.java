package org.sosops.env.webhooks.alerts;

import java.time.Instant;

/**
 * One webhook failure worth a person's attention. Carries no secret and no body.
 *
 * @param environment the {@code APP_ENV}
 * @param endpoint    the request path
 * @param provider    the provider id
 * @param reason      the reject reason id or {@code processing-failed}
 * @param requestId   the {@code X-Request-Id} to find the logs and the failure record
 * @param at          when it happened
 * @param suppressed  how many alerts of the same kind were held back since the last one sent
 */
public record WebhookAlert(String environment, String endpoint, String provider, String reason, String requestId,
                           Instant at, int suppressed) {

    /** Alerts with the same key are duplicates of each other. */
    public String dedupKey() {
        return endpoint + "|" + provider + "|" + reason;
    }

    public WebhookAlert withSuppressed(int count) {
        return new WebhookAlert(environment, endpoint, provider, reason, requestId, at, count);
    }
}
