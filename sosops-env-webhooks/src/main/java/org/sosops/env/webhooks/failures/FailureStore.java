package org.sosops.env.webhooks.failures;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * Durable records of refused or failed webhooks: list them, replay them through the host's
 * handler, and delete them after the retention.
 *
 * <pre>{@code
 * FailureStore store = FailureStores.forDatabaseUrl(Optional.ofNullable(System.getenv("DATABASE_URL")), Path.of(".sosops-env"));
 * for (FailureRecord failure : store.list(50)) { ... }
 * FailureReplay rule = FailureReplay.of(record -> Optional.of(twilioVerifier), false);
 * store.replay(id, rule, (failure, request) -> handler.process(request), clock.instant());
 * }</pre>
 */
public interface FailureStore {

    /**
     * Stores a record; storing the same id twice keeps one.
     *
     * @throws FailureStoreException when the store cannot be written
     */
    void record(FailureRecord failure);

    /** The newest records first, at most {@code limit}. */
    List<FailureRecord> list(int limit);

    Optional<FailureRecord> find(String id);

    /** Marks a record replayed; false when there is no such record. */
    boolean markReplayed(String id, Instant at);

    /** Deletes records received before the cutoff; returns how many. */
    int deleteReceivedBefore(Instant cutoff);

    /**
     * Hands a stored record to the host's processing if {@code rule} allows it — its stored
     * signature verifies against the current secret now, and a refused record only when the rule
     * includes refused records — and marks it replayed when the handler returns.
     *
     * @return replayed, skipped (with the reason) or not found
     * @throws Exception whatever the handler throws; the record then stays unreplayed
     */
    default ReplayResult replay(String id, FailureReplay rule, ReplayHandler handler, Instant now) throws Exception {
        Optional<FailureRecord> found = find(id);
        if (found.isEmpty()) {
            return new ReplayResult.NotFound(id);
        }
        FailureRecord record = found.get();
        FailureReplay.Verdict verdict = rule.check(record);
        if (verdict instanceof FailureReplay.Verdict.Refused refused) {
            return new ReplayResult.Skipped(record, refused.reason());
        }
        handler.process(record, ((FailureReplay.Verdict.Allowed) verdict).request());
        markReplayed(id, now);
        return new ReplayResult.Replayed(record.withReplayedAt(now));
    }

    /** The host's processing of one stored request that verified again. */
    @FunctionalInterface
    interface ReplayHandler {
        void process(FailureRecord failure, WebhookRequest request) throws Exception;
    }
}
