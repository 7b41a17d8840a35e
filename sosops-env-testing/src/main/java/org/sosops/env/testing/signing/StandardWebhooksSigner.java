package org.sosops.env.testing.signing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sosops.env.core.secret.Secret;

/**
 * Signs requests per the Standard Webhooks specification: {@code webhook-signature: v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">}, keyed by the base64 bytes after {@code whsec_} in the
 * secret, with {@code webhook-id} and {@code webhook-timestamp} (epoch seconds) alongside.
 *
 * <pre>{@code
 * StandardWebhooksSigner signer = StandardWebhooksSigner.withSecret(Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
 * SignedWebhook event = signer.sign(url, "msg_p5jXN8AQM9LWM0D4loKWxJek", Instant.ofEpochSecond(1614265330), body);
 * }</pre>
 */
public final class StandardWebhooksSigner {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    private static final String PREFIX = "whsec_";

    private final byte[] key;

    private StandardWebhooksSigner(byte[] key) {
        this.key = key;
    }

    /** A secret {@code whsec_<base64 key>} (the prefix is optional). */
    public static StandardWebhooksSigner withSecret(Secret secret) {
        Objects.requireNonNull(secret, "secret");
        String value = secret.reveal();
        String encoded = value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : value;
        try {
            return new StandardWebhooksSigner(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a Standard Webhooks secret is whsec_ followed by base64");
        }
    }

    /** A fresh random secret in the {@code whsec_} form. */
    public static Secret generateSecret() {
        byte[] key = new byte[24];
        new java.security.SecureRandom().nextBytes(key);
        return Secret.of(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** {@code v1,<base64 signature>} */
    public String signature(String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(Crypto.hmac("HmacSHA256", key, content));
    }

    public SignedWebhook sign(String url, String id, Instant at, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID_HEADER, id);
        headers.put(TIMESTAMP_HEADER, Long.toString(at.getEpochSecond()));
        headers.put(SIGNATURE_HEADER, signature(id, at.getEpochSecond(), body));
        return new SignedWebhook(url, "application/json", headers, body);
    }

    @Override
    public String toString() {
        return "StandardWebhooksSigner[***]";
    }
}
