package org.sosops.env.testing.flags;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sosops.env.flags.store.FlagStore;
import org.sosops.env.flags.store.FlagStoreException;
import org.sosops.env.flags.value.FlagValue;

/**
 * A {@link FlagStore} in memory for hosts' tests: the database layer without a database. Every
 * {@link #put} and {@link #remove} notifies subscribed resolvers at once, like the PostgreSQL
 * store's NOTIFY; {@link #goDown()} makes reads fail, to test that the last known values are served.
 *
 * <pre>{@code
 * InMemoryFlagStore store = new InMemoryFlagStore().with("new_inbox", true);
 * FlagResolver flags = FlagResolver.builder().environment(AppEnv.LOCAL).flag("new_inbox", false)
 *         .store(store).executor(Runnable::run).backgroundRefresh(false).build();
 * store.put("new_inbox", FlagValue.of(false)); // flags sees it immediately
 * }</pre>
 */
public final class InMemoryFlagStore implements FlagStore {
    private final Map<String, FlagValue> values = new ConcurrentHashMap<>();
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    /** Adds a boolean value without notifying: for setting up before a resolver exists. */
    public InMemoryFlagStore with(String key, boolean value) {
        values.put(Objects.requireNonNull(key, "key"), FlagValue.of(value));
        return this;
    }

    /** Adds a value without notifying. */
    public InMemoryFlagStore with(String key, FlagValue value) {
        values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    @Override
    public Map<String, FlagValue> loadAll() {
        if (down) {
            throw new FlagStoreException("in-memory flag store is down (goDown() was called)");
        }
        return Map.copyOf(new TreeMap<>(values));
    }

    @Override
    public void put(String key, FlagValue value) {
        with(key, value);
        notifySubscribers();
    }

    @Override
    public void remove(String key) {
        values.remove(key);
        notifySubscribers();
    }

    @Override
    public Subscription subscribe(Runnable onChange) {
        Objects.requireNonNull(onChange, "onChange");
        subscribers.add(onChange);
        return () -> subscribers.remove(onChange);
    }

    /** Makes every read fail until {@link #comeBack()}. */
    public void goDown() {
        down = true;
    }

    /** Reads work again; subscribers are told, as a reconnecting listener would. */
    public void comeBack() {
        down = false;
        notifySubscribers();
    }

    /** How many resolvers listen: lets a test check that a resolver unsubscribed on close. */
    public int subscriberCount() {
        return subscribers.size();
    }

    private void notifySubscribers() {
        subscribers.forEach(Runnable::run);
    }
}
