package org.sosops.env.webhooks.failures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which request headers a failure record keeps, by allow-list: a header is stored only when it is
 * named here. Everything else — {@code Authorization}, cookies, a custom token header such as
 * {@code X-Hook-Key}, Postmark's shared token — is dropped, because an unknown header may carry a
 * credential and a deny-list cannot know every name a host invents.
 *
 * <p>Two groups are kept, apart: {@link #signing(Map) signing headers} (a signature is a MAC over
 * the request, not the secret that made it, and replay needs it to re-verify the record) and
 * {@link #descriptive(Map) descriptive headers} (content type, user agent, request and delivery
 * ids, forwarding headers for URL diagnosis).
 *
 * <pre>{@code
 * Map<String, List<String>> kept = StoredHeaders.descriptive(request.headers());   // no Authorization, ever
 * Map<String, List<String>> macs = StoredHeaders.signing(request.headers());       // X-Twilio-Signature, ...
 * }</pre>
 */
public final class StoredHeaders {
    /** MAC headers and the signed values that go with them; never a shared token. */
    public static final Set<String> SIGNING = Set.of(
            "x-twilio-signature",
            "x-twilio-email-event-webhook-signature", "x-twilio-email-event-webhook-timestamp",
            "webhook-id", "webhook-timestamp", "webhook-signature");

    /** Headers that describe a request without authenticating it. */
    public static final Set<String> DESCRIPTIVE = Set.of(
            "content-type", "content-length", "content-encoding", "user-agent", "accept",
            "x-request-id", "i-twilio-idempotency-token", "x-home-region", "idempotency-key",
            "host", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded");

    private static final int MAX_VALUE_CHARS = 1024;

    private StoredHeaders() {
    }

    /** The descriptive headers of a request (names in lower case); anything not allow-listed is dropped. */
    public static Map<String, List<String>> descriptive(Map<String, ? extends List<String>> headers) {
        return keep(headers, DESCRIPTIVE);
    }

    /** The signing headers of a request (names in lower case), for re-verification at replay. */
    public static Map<String, List<String>> signing(Map<String, ? extends List<String>> headers) {
        return keep(headers, SIGNING);
    }

    private static Map<String, List<String>> keep(Map<String, ? extends List<String>> headers, Set<String> allowed) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (allowed.contains(lower) && values != null) {
                // Long values are cut: a stored header is for reading, and a MAC this long is forged anyway.
                List<String> capped = values.stream()
                        .map(v -> v.length() > MAX_VALUE_CHARS ? v.substring(0, MAX_VALUE_CHARS) : v).toList();
                kept.merge(lower, capped, (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
            }
        });
        return Map.copyOf(kept);
    }
}
