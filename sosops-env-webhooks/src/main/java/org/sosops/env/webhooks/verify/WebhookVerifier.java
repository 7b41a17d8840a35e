package org.sosops.env.webhooks.verify;

import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * Checks that one request comes from its provider. Implementations are immutable, thread-safe,
 * prepare their keys once, and never throw: every problem is a {@link Verification.Rejected}.
 *
 * <pre>{@code
 * WebhookVerifier twilio = TwilioSignatureVerifier.withAuthToken(token, URI.create(appUrl));
 * Verification answer = twilio.verify(request);
 * }</pre>
 */
public interface WebhookVerifier {

    /** The provider id: {@code twilio}, {@code sendgrid}, {@code postmark} or {@code standard}. */
    String provider();

    Verification verify(WebhookRequest request);

    /**
     * A verifier that accepts everything unchecked, for environments whose policy allows unsigned
     * webhooks when no secret is configured (local). The guard refuses to build it where strict.
     */
    static WebhookVerifier unsigned(String provider) {
        Verification.Verified answer = new Verification.Verified(provider, false);
        return new WebhookVerifier() {
            @Override
            public String provider() {
                return provider;
            }

            @Override
            public Verification verify(WebhookRequest request) {
                return answer;
            }

            @Override
            public String toString() {
                return "UnsignedVerifier[" + provider + "]";
            }
        };
    }
}
