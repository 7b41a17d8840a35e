package org.sosops.env.flags;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.flags.store.FlagStore;
import org.sosops.env.flags.store.FlagStoreException;
import org.sosops.env.flags.value.FlagValue;

/**
 * The database layer behind a Caffeine cache of one entry (the whole table, which is small).
 * Refresh-after-write keeps it current; a failed reload keeps the last known values, so a
 * database outage never turns flags back to their defaults. Change notices reload at once,
 * coalesced, and never lose a change that lands during a reload.
 */
final class DatabaseLayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLayer.class);
    private static final String ALL = "all";

    private final FlagStore store;
    private final Consumer<Map<String, FlagValue>> publish;
    private final Executor executor;
    private final Clock clock;
    private final LoadingCache<String, Map<String, FlagValue>> cache;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean firstLoad = new AtomicBoolean();
    private final FlagStore.Subscription subscription;
    private final ScheduledExecutorService scheduler;
    private volatile Instant loadedAt;
    private volatile boolean failing;
    private Map<String, FlagValue> published;

    DatabaseLayer(FlagStore store, Duration refreshAfterWrite, Executor executor, Clock clock, boolean listen,
                  boolean backgroundRefresh, Consumer<Map<String, FlagValue>> publish) {
        this.store = store;
        this.publish = publish;
        this.executor = executor;
        this.clock = clock;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.cache = Caffeine.newBuilder()
                .refreshAfterWrite(refreshAfterWrite)
                .executor(executor)
                .ticker(ticker)
                .removalListener((String key, Map<String, FlagValue> old, RemovalCause cause) -> publishCurrent())
                .build(new Loader());
        current();
        this.subscription = listen ? store.subscribe(this::changed) : () -> { };
        if (backgroundRefresh) {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "sosops-flags-refresh");
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(1, refreshAfterWrite.toMillis());
            scheduler.scheduleWithFixedDelay(this::scheduledCheck, period, period, TimeUnit.MILLISECONDS);
        } else {
            this.scheduler = null;
        }
    }

    /** The cached values, triggering a refresh when due; empty values while never loaded. */
    Map<String, FlagValue> current() {
        try {
            Map<String, FlagValue> values = cache.get(ALL);
            publishCurrent();
            return values;
        } catch (FlagStoreException e) {
            if (!failing) {
                LOG.warn("flag store unavailable, database values not loaded yet: {}", e.getMessage());
            }
            failing = true;
            return Map.of();
        }
    }

    /**
     * For reads off the hot path: lets a due refresh start (in the background) and, while nothing
     * was ever loaded, starts one background load. Never blocks on the database.
     */
    void poke() {
        if (cache.getIfPresent(ALL) == null && firstLoad.compareAndSet(false, true)) {
            executor.execute(() -> {
                try {
                    current();
                } finally {
                    firstLoad.set(false);
                }
            });
        }
    }

    /** An exception escaping a scheduled task would cancel every later run: log it instead. */
    private void scheduledCheck() {
        try {
            current();
        } catch (RuntimeException e) {
            LOG.error("flag refresh check failed; the last known values stay in use", e);
        }
    }

    /** Reloads now, synchronously. */
    void reload() {
        Map<String, FlagValue> values = store.loadAll();
        markLoaded();
        cache.put(ALL, values);
        publishCurrent();
    }

    Optional<Instant> loadedAt() {
        return Optional.ofNullable(loadedAt);
    }

    private void changed() {
        dirty.set(true);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (dirty.getAndSet(false)) {
                reload();
            }
        } catch (FlagStoreException e) {
            LOG.warn("flag change notice received but the store cannot be read; keeping the last known values: {}",
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("flag reload after a change notice failed; the last known values stay in use", e);
        } finally {
            draining.set(false);
            if (dirty.get() && draining.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }
    }

    /** Publishes what the cache holds now; serialized so an older table never replaces a newer one. */
    private synchronized void publishCurrent() {
        Map<String, FlagValue> values = cache.getIfPresent(ALL);
        if (values != null && values != published) {
            published = values;
            publish.accept(values);
        }
    }

    private void markLoaded() {
        loadedAt = clock.instant();
        if (failing) {
            LOG.info("flag store readable again");
        }
        failing = false;
    }

    @Override
    public void close() {
        subscription.close();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private final class Loader implements CacheLoader<String, Map<String, FlagValue>> {
        @Override
        public Map<String, FlagValue> load(String key) {
            Map<String, FlagValue> values = store.loadAll();
            markLoaded();
            return values;
        }

        @Override
        public Map<String, FlagValue> reload(String key, Map<String, FlagValue> oldValue) {
            try {
                return load(key);
            } catch (FlagStoreException e) {
                if (!failing) {
                    LOG.warn("flag store unavailable, serving the last known database values: {}", e.getMessage());
                }
                failing = true;
                return oldValue;
            }
        }
    }
}
