package org.sosops.env.flags.store;

import java.util.Map;
import org.sosops.env.flags.value.FlagValue;

/**
 * The database layer of flag values. {@code FlagResolver} caches what {@link #loadAll()} returns
 * and reloads it on {@link #subscribe change notices} and on its refresh schedule.
 *
 * <pre>{@code
 * FlagStore store = JdbcFlagStore.builder().connections(ConnectionFactory.of(dataSource, "app database")).build();
 * store.put("new_inbox", FlagValue.of(true));
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface FlagStore {
    /**
     * Every stored flag value by key.
     *
     * @throws FlagStoreException when the store cannot be read; the caller keeps its last known values
     */
    Map<String, FlagValue> loadAll();

    /** Stores a value (insert or replace) and notifies subscribers, here and in other instances. */
    void put(String key, FlagValue value);

    /** Removes a value; the flag falls back to its default. */
    void remove(String key);

    /**
     * Calls {@code onChange} whenever a value may have changed, including changes made by other
     * application instances. The default store has no change feed: resolvers then rely on their
     * refresh schedule alone.
     *
     * @return closes the subscription
     */
    default Subscription subscribe(Runnable onChange) {
        return () -> { };
    }

    /**
     * A read-only store of fixed values, such as one snapshot read by a command-line tool or a
     * test's expectations. {@link #put} and {@link #remove} throw {@link UnsupportedOperationException}.
     */
    static FlagStore fixed(Map<String, FlagValue> values) {
        Map<String, FlagValue> copy = Map.copyOf(values);
        return new FlagStore() {
            @Override
            public Map<String, FlagValue> loadAll() {
                return copy;
            }

            @Override
            public void put(String key, FlagValue value) {
                throw new UnsupportedOperationException("a fixed flag store is read-only");
            }

            @Override
            public void remove(String key) {
                throw new UnsupportedOperationException("a fixed flag store is read-only");
            }
        };
    }

    /** An open change subscription. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
