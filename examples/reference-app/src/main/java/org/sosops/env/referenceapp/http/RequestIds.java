package org.sosops.env.referenceapp.http;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id every answer carries in {@code X-Request-Id}: a caller's own id is kept when it
 * is a plain token (so a load balancer's id follows the request through logs), anything else is
 * replaced by a fresh UUID so that a header can never inject text into logs.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private RequestIds() {
    }

    /** The inbound id when acceptable, else a new one. */
    public static String adoptOrCreate(Optional<String> inbound) {
        return inbound.map(String::strip).filter(id -> ACCEPTABLE.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
    }
}
