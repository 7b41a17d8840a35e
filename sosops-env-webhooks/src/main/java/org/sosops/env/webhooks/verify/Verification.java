package org.sosops.env.webhooks.verify;

/**
 * The answer of a {@link WebhookVerifier}: {@link Verified} or {@link Rejected} with a reason.
 *
 * <pre>{@code
 * switch (verifier.verify(request)) {
 *     case Verification.Verified v -> handle(request);
 *     case Verification.Rejected r -> log.warn("refused: {}", r.describe());
 * }
 * }</pre>
 */
public sealed interface Verification permits Verification.Verified, Verification.Rejected {

    /** The provider id: {@code twilio}, {@code sendgrid}, {@code postmark}, {@code standard}. */
    String provider();

    default boolean verified() {
        return this instanceof Verified;
    }

    static Verified verified(String provider) {
        return new Verified(provider, true);
    }

    static Rejected rejected(String provider, RejectReason reason, String detail) {
        return new Rejected(provider, reason, detail);
    }

    /**
     * The request is authentic.
     *
     * @param signatureChecked false only where no secret is configured and the environment's policy
     *                         allows unsigned requests (local)
     */
    record Verified(String provider, boolean signatureChecked) implements Verification {
    }

    /**
     * The request is refused.
     *
     * @param reason the machine-readable reason
     * @param detail a short human explanation; never a secret or a signature value
     */
    record Rejected(String provider, RejectReason reason, String detail) implements Verification {
        /** {@code signature-mismatch: the signature does not match ...}. */
        public String describe() {
            return reason.id() + ": " + detail;
        }
    }
}
