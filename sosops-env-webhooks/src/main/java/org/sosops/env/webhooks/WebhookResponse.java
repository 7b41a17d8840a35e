package org.sosops.env.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The guard's decision for one request, for the host to write with its HTTP stack: the status,
 * the headers ({@code X-Request-Id} always, {@code Retry-After} on 429) and a short plain-text body.
 *
 * <pre>{@code
 * WebhookResponse answer = guard.handle(request, handler);
 * answer.headers().forEach(response::setHeader);
 * response.setStatus(answer.status());
 * }</pre>
 *
 * @param status            200, 400, 403, 404, 405, 429, 500 or 503
 * @param outcome           what happened
 * @param requestId         the request id (honoured from the request or generated)
 * @param retryAfterSeconds set on 429 and 503
 * @param reason            the reject reason id when refused (never a secret)
 */
public record WebhookResponse(int status, Outcome outcome, String requestId, Optional<Long> retryAfterSeconds,
                              Optional<String> reason) {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** What the guard did with the request. */
    public enum Outcome {
        /** Verified and handled. */
        ACCEPTED,
        /** Verified, but its delivery id was seen before: acknowledged without handling again. */
        DUPLICATE,
        /** Refused for its source, signature, token or content; a failure record was stored. */
        REJECTED,
        /** Refused for the source's rate; logged and counted. */
        RATE_LIMITED,
        /** Verified, but the handler failed; a failure record was stored. */
        FAILED,
        /** The shared store (rate limit, seen ids) is unreachable and the policy refuses: 503 + Retry-After. */
        UNAVAILABLE,
        /** No webhook endpoint at this path. */
        NOT_FOUND,
        /** Webhooks are POSTed; any other method is answered 405. */
        METHOD_NOT_ALLOWED
    }

    public boolean accepted() {
        return status / 100 == 2;
    }

    /** {@code X-Request-Id}, plus {@code Retry-After} on 429 and 503. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID_HEADER, requestId);
        retryAfterSeconds.ifPresent(s -> headers.put("Retry-After", Long.toString(s)));
        return headers;
    }

    /** A short plain-text body: {@code ok}, {@code duplicate} or the reason id. */
    public String body() {
        return switch (outcome) {
            case ACCEPTED -> "ok";
            case DUPLICATE -> "duplicate";
            case RATE_LIMITED -> "rate-limited";
            case UNAVAILABLE -> "store-unavailable";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            default -> reason.orElse("refused");
        };
    }
}
