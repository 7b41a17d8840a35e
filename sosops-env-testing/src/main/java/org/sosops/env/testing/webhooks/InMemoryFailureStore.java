package org.sosops.env.testing.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureStore;
import org.sosops.env.webhooks.failures.FailureStoreException;

/**
 * A {@link FailureStore} in memory, for hosts' tests: same contract as the JDBC store (one record
 * per id, newest first, replay marks), plus a switch to simulate an unreachable database.
 *
 * <pre>{@code
 * InMemoryFailureStore failures = new InMemoryFailureStore();
 * WebhookGuard guard = WebhookGuard.builder().failureStore(failures)...build();
 * assertThat(failures.all()).singleElement().extracting(FailureRecord::reason).asString().startsWith("signature-mismatch");
 * }</pre>
 */
public final class InMemoryFailureStore implements FailureStore {
    private final Map<String, FailureRecord> records = new LinkedHashMap<>();
    private boolean unreachable;

    @Override
    public synchronized void record(FailureRecord failure) {
        failIfUnreachable();
        records.putIfAbsent(failure.id(), failure);
    }

    @Override
    public synchronized List<FailureRecord> list(int limit) {
        failIfUnreachable();
        return records.values().stream()
                .sorted(Comparator.comparing(FailureRecord::receivedAt).reversed().thenComparing(FailureRecord::id))
                .limit(limit).toList();
    }

    @Override
    public synchronized Optional<FailureRecord> find(String id) {
        failIfUnreachable();
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public synchronized boolean markReplayed(String id, Instant at) {
        failIfUnreachable();
        FailureRecord record = records.get(id);
        if (record == null) {
            return false;
        }
        records.put(id, record.withReplayedAt(at));
        return true;
    }

    @Override
    public synchronized int deleteReceivedBefore(Instant cutoff) {
        failIfUnreachable();
        int before = records.size();
        records.values().removeIf(r -> r.receivedAt().isBefore(cutoff));
        return before - records.size();
    }

    /** Every record, in the order stored. */
    public synchronized List<FailureRecord> all() {
        return new ArrayList<>(records.values());
    }

    /** While true, every call throws {@link FailureStoreException} like a store whose database is down. */
    public synchronized void setUnreachable(boolean unreachable) {
        this.unreachable = unreachable;
    }

    private void failIfUnreachable() {
        if (unreachable) {
            throw new FailureStoreException("the in-memory failure store is set unreachable", null);
        }
    }
}
