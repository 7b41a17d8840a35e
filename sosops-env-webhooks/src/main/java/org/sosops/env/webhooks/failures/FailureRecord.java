package org.sosops.env.webhooks.failures;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One refused or failed webhook, kept so it can be inspected and replayed: the raw body and the
 * headers with every piece of signing material removed ({@link SigningHeaders#strip}).
 *
 * @param id            the record's own id (a UUID)
 * @param requestId     the {@code X-Request-Id} the request was answered with
 * @param endpoint      the request path, e.g. {@code /api/webhooks/twilio/inbound}
 * @param provider      {@code twilio}, {@code sendgrid}, {@code postmark}, {@code standard}
 * @param reason        the reject reason id or {@code processing-failed}, with detail after a colon
 * @param receivedAt    when the request arrived
 * @param headers       the request headers without signatures, tokens or credentials
 * @param body          the raw body
 * @param sourceAddress the client address, when known
 * @param replayedAt    when it was replayed through the handler, if it was
 */
public record FailureRecord(String id, String requestId, String endpoint, String provider, String reason,
                            Instant receivedAt, Map<String, List<String>> headers, byte[] body,
                            Optional<String> sourceAddress, Optional<Instant> replayedAt) {

    public FailureRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(receivedAt, "receivedAt");
        headers = SigningHeaders.strip(headers);
        body = body.clone();
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(replayedAt, "replayedAt");
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
        return new FailureRecord(id, requestId, endpoint, provider, reason, receivedAt, headers, body, sourceAddress,
                Optional.of(at));
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
