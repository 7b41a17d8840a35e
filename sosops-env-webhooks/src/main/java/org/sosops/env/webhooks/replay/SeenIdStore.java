package org.sosops.env.webhooks.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * Remembers the delivery ids already processed, so a replayed or re-delivered webhook is handled
 * once. Shared through PostgreSQL when several instances run ({@link JdbcSeenIdStore}).
 *
 * <pre>{@code
 * SeenIdStore seen = SeenIdStore.inMemory(Duration.ofHours(24));
 * if (seen.markSeen("twilio", "SM123:delivered", clock.instant())) { process(); }
 * }</pre>
 */
public interface SeenIdStore {

    /**
     * Records the id; true when it was new, false when it had been seen within the retention.
     * Ids of any length are accepted (long ones are stored as their digest).
     *
     * @throws org.sosops.env.webhooks.jdbc.StoreException when a shared store cannot answer; never
     *                                                     "new" on a failure
     */
    boolean markSeen(String scope, String id, Instant now);

    /** Forgets an id, so the provider's retry of a request whose processing failed is handled. */
    void forget(String scope, String id);

    static SeenIdStore inMemory(Duration retention) {
        return new InMemorySeenIdStore(retention, 1_000_000);
    }
}
