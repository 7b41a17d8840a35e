package org.sosops.env.webhooks.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * The Standard Webhooks scheme (standardwebhooks.com), the generic verifier for any other sender:
 * {@code webhook-signature} holds space-separated {@code v1,<base64 HMAC-SHA256>} entries over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}; any entry matching any configured secret passes,
 * so keys rotate without downtime. Secrets are {@code whsec_<base64>} (or raw base64).
 *
 * <pre>{@code
 * WebhookVerifier generic = StandardWebhooksVerifier.withSecrets(List.of(current, previous), Clock.systemUTC());
 * }</pre>
 */
public final class StandardWebhooksVerifier implements WebhookVerifier {
    public static final String PROVIDER = "standard";
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

    private final List<byte[]> keys;
    private final Clock clock;
    private final Duration tolerance;

    private StandardWebhooksVerifier(List<byte[]> keys, Clock clock, Duration tolerance) {
        this.keys = keys;
        this.clock = Objects.requireNonNull(clock);
        this.tolerance = Objects.requireNonNull(tolerance);
    }

    public static StandardWebhooksVerifier withSecret(Secret secret, Clock clock) {
        return withSecrets(List.of(secret), clock, DEFAULT_TOLERANCE);
    }

    /**
     * @throws IllegalArgumentException when a secret is not {@code whsec_} + base64 (no value named)
     */
    public static StandardWebhooksVerifier withSecrets(List<Secret> secrets, Clock clock, Duration tolerance) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one Standard Webhooks secret is required");
        }
        List<byte[]> keys = new ArrayList<>();
        for (Secret secret : secrets) {
            String text = secret.reveal().strip();
            if (text.startsWith("whsec_")) {
                text = text.substring(6);
            }
            try {
                byte[] key = Base64.getDecoder().decode(text);
                if (key.length == 0) {
                    throw new IllegalArgumentException("empty");
                }
                keys.add(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a Standard Webhooks secret is not whsec_ followed by base64");
            }
        }
        return new StandardWebhooksVerifier(List.copyOf(keys), clock, tolerance);
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        List<String> ids = request.headerValues(ID_HEADER);
        List<String> timestamps = request.headerValues(TIMESTAMP_HEADER);
        List<String> signatures = request.headerValues(SIGNATURE_HEADER);
        if (signatures.isEmpty()) {
            return Verification.rejected(PROVIDER, RejectReason.MISSING_SIGNATURE, "no " + SIGNATURE_HEADER + " header");
        }
        if (ids.size() > 1 || timestamps.size() > 1 || signatures.size() > 1) {
            return Verification.rejected(PROVIDER, RejectReason.DUPLICATE_SIGNATURE, "repeated webhook-* headers");
        }
        if (ids.isEmpty() || ids.get(0).isBlank()) {
            return Verification.rejected(PROVIDER, RejectReason.MALFORMED_SIGNATURE, "no " + ID_HEADER + " header");
        }
        if (timestamps.isEmpty()) {
            return Verification.rejected(PROVIDER, RejectReason.MISSING_TIMESTAMP, "no " + TIMESTAMP_HEADER + " header");
        }
        long epochSeconds = Timestamps.parseEpochSeconds(timestamps.get(0));
        if (epochSeconds < 0) {
            return Verification.rejected(PROVIDER, RejectReason.MISSING_TIMESTAMP,
                    TIMESTAMP_HEADER + " is not a number of epoch seconds");
        }
        List<byte[]> presented = new ArrayList<>();
        for (String entry : signatures.get(0).strip().split(" +")) {
            if (entry.startsWith("v1,")) {
                try {
                    presented.add(Base64.getDecoder().decode(entry.substring(3)));
                } catch (IllegalArgumentException e) {
                    // A garbled entry among good ones is ignored, like any unknown version.
                }
            }
        }
        if (presented.isEmpty()) {
            return Verification.rejected(PROVIDER, RejectReason.MALFORMED_SIGNATURE,
                    SIGNATURE_HEADER + " has no v1 entry in base64");
        }
        byte[] head = (ids.get(0) + "." + timestamps.get(0).strip() + ".").getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] key : keys) {
            byte[] expected = hmac(key, head, request.body());
            for (byte[] candidate : presented) {
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!matched) {
            return Verification.rejected(PROVIDER, RejectReason.SIGNATURE_MISMATCH,
                    "no v1 signature matches the id, timestamp and body");
        }
        if (!Timestamps.within(epochSeconds, clock, tolerance)) {
            return Verification.rejected(PROVIDER, RejectReason.TIMESTAMP_OUT_OF_WINDOW,
                    "the signed timestamp is more than " + tolerance.toSeconds() + " s from now");
        }
        return Verification.verified(PROVIDER);
    }

    private static byte[] hmac(byte[] key, byte[] head, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(head);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** The stored signature against these secrets, its timestamp judged as of the request's arrival. */
    @Override
    public Verification reverify(WebhookRequest storedCopy, java.time.Instant receivedAt) {
        return new StandardWebhooksVerifier(keys, Clock.fixed(receivedAt, java.time.ZoneOffset.UTC), tolerance)
                .verify(storedCopy);
    }

    @Override
    public String toString() {
        return "StandardWebhooksVerifier[" + keys.size() + " key(s) ***]";
    }
}
