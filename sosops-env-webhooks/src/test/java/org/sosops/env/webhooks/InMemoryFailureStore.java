package org.sosops.env.webhooks;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureStore;

/**
 * Failure records in a list, for tests whose subject is the guard: listed newest first like the
 * SQL store, one record per id. The SQL stores have their own tests (FailureStoreTest).
 */
class InMemoryFailureStore implements FailureStore {
    final List<FailureRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void record(FailureRecord failure) {
        if (find(failure.id()).isEmpty()) {
            records.add(failure);
        }
    }

    @Override
    public List<FailureRecord> list(int limit) {
        return records.stream().sorted(Comparator.comparing(FailureRecord::receivedAt).reversed()).limit(limit).toList();
    }

    @Override
    public Optional<FailureRecord> find(String id) {
        return records.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public boolean markReplayed(String id, Instant at) {
        Optional<FailureRecord> found = find(id);
        found.ifPresent(r -> records.set(records.indexOf(r), r.withReplayedAt(at)));
        return found.isPresent();
    }

    @Override
    public int deleteReceivedBefore(Instant cutoff) {
        List<FailureRecord> old = records.stream().filter(r -> r.receivedAt().isBefore(cutoff)).toList();
        records.removeAll(old);
        return old.size();
    }
}
