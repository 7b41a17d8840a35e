package org.sosops.env.webhooks.failures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Removes signing material from headers before anything is stored or logged. */
public final class SigningHeaders {
    private static final Set<String> NAMES = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-twilio-signature", "x-twilio-email-event-webhook-signature", "webhook-signature", "x-webhook-token",
            "x-api-key", "x-postmark-server-token");

    private SigningHeaders() {
    }

    /** True for headers that carry a signature, token, credential or cookie. */
    public static boolean isSigning(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return NAMES.contains(n) || n.contains("signature") || n.contains("token") || n.contains("secret")
                || n.contains("password") || n.contains("auth");
    }

    /** A copy without signing headers; names in lower case. */
    public static Map<String, List<String>> strip(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (!isSigning(name)) {
                kept.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
            }
        });
        return Map.copyOf(kept);
    }
}
