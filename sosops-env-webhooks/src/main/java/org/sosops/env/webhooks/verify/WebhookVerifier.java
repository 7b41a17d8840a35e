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
     * Verifies the stored copy of a request received at {@code receivedAt}, for replay: the stored
     * signature is checked against this verifier's (current) secret, and timestamp windows are
     * judged as of {@code receivedAt} — the server's own clock when the request arrived — so an old
     * genuine failure can be replayed while a signature that was stale on arrival stays refused.
     * Verifiers without a time window re-verify exactly as {@link #verify} does.
     */
    default Verification reverify(WebhookRequest storedCopy, java.time.Instant receivedAt) {
        return verify(storedCopy);
    }

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
