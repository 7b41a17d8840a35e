package org.sosops.env.webhooks.failures;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * One refused or failed webhook, kept so it can be inspected and replayed. It holds what is needed
 * to re-verify the request at replay — the raw body, the raw query, and the signing headers (a
 * signature is a MAC over the request, not the secret that made it) — plus the allow-listed
 * descriptive headers ({@link StoredHeaders}). It never holds a secret: no {@code Authorization},
 * no cookie, no custom token header, no Postmark token.
 *
 * <pre>{@code
 * FailureRecord record = FailureRecord.refused(requestId, request, "twilio", "signature-mismatch: ...", now, 16 * 1024);
 * }</pre>
 *
 * @param id             the record's own id (a UUID)
 * @param requestId      the {@code X-Request-Id} the request was answered with
 * @param endpoint       the request path, e.g. {@code /api/webhooks/twilio/inbound}
 * @param provider       {@code twilio}, {@code sendgrid}, {@code postmark}, {@code standard}
 * @param reason         the reject reason id or {@code processing-failed}, with detail after a colon
 * @param receivedAt     when the request arrived (set by the server, so a replay judges timestamps by it)
 * @param headers        the allow-listed descriptive headers (names in lower case)
 * @param signingHeaders the signature headers and the signed values beside them (names in lower case)
 * @param rawQuery       the raw query string of the request URL, when there was one
 * @param body           the raw body, possibly cut ({@code truncated})
 * @param truncated      the body was cut to the cap for refused requests; such a record never replays
 * @param refused        the guard refused the request (signature, token, source, size); false when it
 *                       was verified and then failed in processing
 * @param sourceAddress  the client address, when known
 * @param replayedAt     when it was replayed through the handler, if it was
 */
public record FailureRecord(String id, String requestId, String endpoint, String provider, String reason,
                            Instant receivedAt, Map<String, List<String>> headers,
                            Map<String, List<String>> signingHeaders, Optional<String> rawQuery, byte[] body,
                            boolean truncated, boolean refused, Optional<String> sourceAddress,
                            Optional<Instant> replayedAt) {
    /** The reason prefix of a verified request whose processing failed. */
    public static final String PROCESSING_FAILED = "processing-failed";
    /** Default cap on the body kept for refused, unauthenticated requests. */
    public static final int DEFAULT_REFUSED_BODY_CAP = 16 * 1024;
    private static final int MAX_REASON_CHARS = 1000;
    private static final String LEGACY_QUERY_HEADER = ":query";

    public FailureRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(receivedAt, "receivedAt");
        headers = StoredHeaders.descriptive(headers);
        signingHeaders = StoredHeaders.signing(signingHeaders);
        Objects.requireNonNull(rawQuery, "rawQuery");
        body = body.clone();
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(replayedAt, "replayedAt");
    }

    /**
     * A record from a plain header map, for stores and tests that predate signing headers: the
     * allow-lists split the map, a {@code :query} entry becomes the raw query, and the record counts
     * as refused unless its reason says {@value #PROCESSING_FAILED}.
     */
    public FailureRecord(String id, String requestId, String endpoint, String provider, String reason,
                         Instant receivedAt, Map<String, List<String>> headers, byte[] body,
                         Optional<String> sourceAddress, Optional<Instant> replayedAt) {
        this(id, requestId, endpoint, provider, reason, receivedAt, headers, headers, legacyQuery(headers), body, false,
                !reason.startsWith(PROCESSING_FAILED), sourceAddress, replayedAt);
    }

    /**
     * The record of a request the guard refused (bad or missing signature or token, source outside
     * the allowlist, body too large): nothing about it is authenticated, so at most {@code bodyCap}
     * bytes of its body are kept.
     */
    public static FailureRecord refused(String requestId, WebhookRequest request, String provider, String reason,
                                        Instant receivedAt, int bodyCap) {
        byte[] body = request.body();
        boolean truncated = body.length > bodyCap;
        return of(requestId, request, provider, reason, receivedAt, truncated ? Arrays.copyOf(body, bodyCap) : body,
                truncated, true);
    }

    /** The record of a verified request whose processing failed: kept whole, so it can be replayed. */
    public static FailureRecord failed(String requestId, WebhookRequest request, String provider, String reason,
                                       Instant receivedAt) {
        return of(requestId, request, provider, reason, receivedAt, request.body(), false, false);
    }

    private static FailureRecord of(String requestId, WebhookRequest request, String provider, String reason,
                                    Instant receivedAt, byte[] body, boolean truncated, boolean refused) {
        return new FailureRecord(UUID.randomUUID().toString(), requestId, request.path(), provider,
                reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason, receivedAt,
                request.headers(), request.headers(), request.rawQuery(), body, truncated, refused,
                request.sourceAddress().map(InetAddress::getHostAddress), Optional.empty());
    }

    private static Optional<String> legacyQuery(Map<String, List<String>> headers) {
        List<String> query = headers.get(LEGACY_QUERY_HEADER);
        return query == null || query.isEmpty() ? Optional.empty() : Optional.of(query.get(0));
    }

    public boolean replayed() {
        return replayedAt.isPresent();
    }

    /** The raw body; a copy. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    public FailureRecord withReplayedAt(Instant at) {
        return new FailureRecord(id, requestId, endpoint, provider, reason, receivedAt, headers, signingHeaders,
                rawQuery, body, truncated, refused, sourceAddress, Optional.of(at));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FailureRecord r && r.id.equals(id) && r.replayedAt.equals(replayedAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "FailureRecord[" + id + ", " + provider + " " + endpoint + ", " + reason + ", request " + requestId + "]";
    }
}
