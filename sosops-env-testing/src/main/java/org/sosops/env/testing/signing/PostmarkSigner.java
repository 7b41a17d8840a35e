package org.sosops.env.testing.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.sosops.env.core.secret.Secret;

/**
 * Authenticates webhooks as Postmark does: Postmark does not sign bodies; it sends the credentials
 * configured on the webhook, either HTTP basic auth ({@code https://user:token@host/…} becomes an
 * {@code Authorization: Basic …} header) or a custom header carrying a shared token.
 *
 * <pre>{@code
 * PostmarkSigner postmark = PostmarkSigner.basicAuth("postmark", env.secret("EMAIL_WEBHOOK_SIGNING_SECRET").orElseThrow());
 * SignedWebhook bounce = postmark.sign(url, body);
 * }</pre>
 */
public final class PostmarkSigner {
    private final String headerName;
    private final String headerValue;

    private PostmarkSigner(String headerName, String headerValue) {
        this.headerName = headerName;
        this.headerValue = headerValue;
    }

    /** {@code Authorization: Basic base64(username:token)}. */
    public static PostmarkSigner basicAuth(String username, Secret token) {
        Objects.requireNonNull(username, "username");
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a basic-auth user name cannot contain ':'");
        }
        String credentials = username + ":" + token.reveal();
        return new PostmarkSigner("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** A custom header carrying the token as is, e.g. {@code X-Postmark-Webhook-Token}. */
    public static PostmarkSigner headerToken(String headerName, Secret token) {
        return new PostmarkSigner(Objects.requireNonNull(headerName, "headerName"), token.reveal());
    }

    public SignedWebhook sign(String url, byte[] body) {
        return new SignedWebhook(url, "application/json", Map.of(headerName, headerValue), body);
    }

    @Override
    public String toString() {
        return "PostmarkSigner[" + headerName + ": ***]";
    }
}
