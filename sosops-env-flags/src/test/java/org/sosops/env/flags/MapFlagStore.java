package org.sosops.env.flags;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sosops.env.flags.store.FlagStore;
import org.sosops.env.flags.store.FlagStoreException;
import org.sosops.env.flags.value.FlagValue;

/** A map-backed store for resolver tests, with change notices and a switch to simulate an outage. */
final class MapFlagStore implements FlagStore {
    private final Map<String, FlagValue> values = new ConcurrentHashMap<>();
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    volatile boolean down;

    MapFlagStore(Map<String, FlagValue> initial) {
        values.putAll(initial);
    }

    @Override
    public Map<String, FlagValue> loadAll() {
        if (down) {
            throw new FlagStoreException("store is down");
        }
        return Map.copyOf(values);
    }

    @Override
    public void put(String key, FlagValue value) {
        values.put(key, value);
        subscribers.forEach(Runnable::run);
    }

    @Override
    public void remove(String key) {
        values.remove(key);
        subscribers.forEach(Runnable::run);
    }

    @Override
    public Subscription subscribe(Runnable onChange) {
        subscribers.add(onChange);
        return () -> subscribers.remove(onChange);
    }
}
