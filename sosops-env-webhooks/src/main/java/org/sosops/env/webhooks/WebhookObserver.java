package org.sosops.env.webhooks;

/**
 * Told the provider and outcome of every answer a {@link WebhookGuard} gives, for metrics. Called
 * on the request path once per request, after the decision; it must be cheap and allocation-free.
 * A throwing observer is logged and ignored, never changing the answer.
 *
 * <pre>{@code
 * WebhookGuard guard = WebhookGuard.builder()
 *         .endpoint(WebhookGuards.TWILIO_STATUS, twilio)
 *         .failureStore(store)
 *         .observer((provider, outcome) -> counters.get(provider, outcome).increment())
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface WebhookObserver {
    /** The provider reported for a path the guard does not serve. */
    String NO_PROVIDER = "none";

    /**
     * @param provider the endpoint's provider ({@code twilio}, {@code sendgrid}, {@code postmark},
     *                 …) from the guard's configuration, never from the request; {@link #NO_PROVIDER}
     *                 for an unknown path
     * @param outcome  what the guard did
     */
    void answered(String provider, WebhookResponse.Outcome outcome);
}
