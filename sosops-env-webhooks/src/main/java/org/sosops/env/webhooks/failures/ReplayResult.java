package org.sosops.env.webhooks.failures;

/**
 * What became of one replay request: the record was handed to the handler, it was skipped (with
 * the reason, e.g. its stored signature no longer verifies), or there is no such record.
 *
 * <pre>{@code
 * ReplayResult result = guard.replay(id, handler);
 * if (result instanceof ReplayResult.Skipped skipped) {
 *     log.warn("not replayed: {}", skipped.reason());
 * }
 * }</pre>
 */
public sealed interface ReplayResult permits ReplayResult.Replayed, ReplayResult.Skipped, ReplayResult.NotFound {

    /** Handed to the handler, which returned; the record is marked replayed. */
    record Replayed(FailureRecord record) implements ReplayResult {
    }

    /** Not handed on; {@code reason} says why (never a secret or a signature value). */
    record Skipped(FailureRecord record, String reason) implements ReplayResult {
    }

    record NotFound(String id) implements ReplayResult {
    }
}
