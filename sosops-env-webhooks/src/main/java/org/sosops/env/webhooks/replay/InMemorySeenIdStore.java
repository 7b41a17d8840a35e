package org.sosops.env.webhooks.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Seen ids in this process, dropped after the retention; bounded in size. */
final class InMemorySeenIdStore implements SeenIdStore {
    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final Duration retention;
    private final int maxEntries;

    InMemorySeenIdStore(Duration retention, int maxEntries) {
        this.retention = retention;
        this.maxEntries = maxEntries;
    }

    @Override
    public boolean markSeen(String scope, String id, Instant now) {
        String key = scope + '\u0000' + StoredIds.fit(id);
        if (seen.size() >= maxEntries) {
            expire(now);
        }
        Instant previous = seen.putIfAbsent(key, now);
        if (previous == null) {
            return true;
        }
        if (previous.plus(retention).isBefore(now)) {
            return seen.replace(key, previous, now);
        }
        return false;
    }

    @Override
    public void forget(String scope, String id) {
        seen.remove(scope + '\u0000' + StoredIds.fit(id));
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(retention);
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isBefore(cutoff)) {
                it.remove();
            }
        }
    }
}
