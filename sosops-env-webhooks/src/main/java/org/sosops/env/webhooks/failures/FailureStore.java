package org.sosops.env.webhooks.failures;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable records of refused or failed webhooks: list them, replay them through the host's
 * handler, and delete them after the retention.
 *
 * <pre>{@code
 * FailureStore store = FailureStores.forDatabaseUrl(Optional.ofNullable(System.getenv("DATABASE_URL")), Path.of(".sosops-env"));
 * for (FailureRecord failure : store.list(50)) { ... }
 * store.replay(id, failure -> handler.process(failure.body()), clock.instant());
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
     * Runs the host's processing for a stored record (no verification: it was refused or failed
     * already, and its signature headers are gone) and marks it replayed when the handler returns.
     *
     * @return the record as marked, or empty when there is no such id
     * @throws Exception whatever the handler throws; the record then stays unreplayed
     */
    default Optional<FailureRecord> replay(String id, ReplayHandler handler, Instant now) throws Exception {
        Optional<FailureRecord> found = find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        handler.process(found.get());
        markReplayed(id, now);
        return Optional.of(found.get().withReplayedAt(now));
    }

    /** The host's processing of one stored request. */
    @FunctionalInterface
    interface ReplayHandler {
        void process(FailureRecord failure) throws Exception;
    }
}
