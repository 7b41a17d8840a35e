package org.sosops.env.testing.signing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook request as the provider would send it: the URL it is posted to, the headers that carry
 * the signature and the exact body bytes.
 *
 * @param url         the full URL the provider calls (the one that was signed, for Twilio)
 * @param contentType the body's media type
 * @param headers     signature headers, in the order the provider sends them
 * @param body        the raw body
 */
public record SignedWebhook(String url, String contentType, Map<String, String> headers, byte[] body) {
    public SignedWebhook {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(contentType, "contentType");
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A header's value, matched case-insensitively as HTTP does. */
    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no header " + name));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedWebhook that && url.equals(that.url) && contentType.equals(that.contentType)
                && headers.equals(that.headers) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, contentType, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "SignedWebhook[" + url + ", " + contentType + ", headers " + headers.keySet() + ", " + body.length + " bytes]";
    }
}
