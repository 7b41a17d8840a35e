package org.sosops.env.flags;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.overrides.InvalidOverridesException;
import org.sosops.env.flags.overrides.Overrides;
import org.sosops.env.flags.store.FlagStore;
import org.sosops.env.flags.store.FlagStoreException;
import org.sosops.env.flags.value.FlagType;
import org.sosops.env.flags.value.FlagValue;

/**
 * Resolves feature flags for an organization: organization override, then environment override,
 * then the database value, then the declared default (docs/flags.md), every answer with its source.
 * Thread-safe; build one per application and close it on shutdown.
 *
 * <pre>{@code
 * FlagResolver flags = FlagResolver.builder()
 *         .environment(policy.environment())
 *         .overrides(policy.variables())          // the four *_OVERRIDES_JSON; bad JSON refuses to build
 *         .flag(FlagDefinition.of("new_inbox", false))
 *         .store(jdbcFlagStore)                   // optional database layer, cached, LISTEN/NOTIFY
 *         .build();
 *
 * BooleanFlag newInbox = flags.booleanFlag("new_inbox");     // once, at start-up: a typo throws here
 * if (newInbox.isEnabled(orgId)) { ... }                     // hot path: one hash lookup, no allocation
 * if (flags.isEnabled(orgId, "new_inbox")) { ... }           // by name: two hash lookups, no allocation
 * ResolvedFlags view = flags.resolveAll(orgId);              // {"organization_id":…,"flags":{…}}
 * }</pre>
 *
 * <p>Typed getters return the caller's fallback for an unknown flag or a flag of another type;
 * {@link #resolve} says which it was. An organization without overrides (or unknown) gets the
 * environment-level answer. When the database is down, the last values read from it are served.
 */
public final class FlagResolver implements AutoCloseable {
    private final AppEnv environment;
    private final Overrides overrides;
    private final Map<String, FlagDefinition> declared;
    // The declared boolean flags, sorted; a flag's position is its handle's index in every table.
    private final String[] booleanFlags;
    private final boolean inferUndeclared;
    private final DatabaseLayer database;
    private final FlagObserver observer;
    // Read on every call; replaced whole (never mutated) when the database layer changes.
    private volatile FlagTable table;

    private FlagResolver(Builder builder) {
        this.environment = builder.environment;
        this.overrides = builder.overrides;
        this.declared = Map.copyOf(builder.declared);
        this.booleanFlags = declared.values().stream().filter(d -> d.type() == FlagType.BOOLEAN)
                .map(FlagDefinition::key).sorted().toArray(String[]::new);
        this.inferUndeclared = builder.inferUndeclared;
        this.observer = builder.observer;
        this.table = FlagTable.build(declared, inferUndeclared, overrides, Map.of(), booleanFlags);
        this.database = builder.store == null ? null
                : new DatabaseLayer(builder.store, builder.refreshAfterWrite, builder.executor, builder.clock,
                        builder.listen, builder.backgroundRefresh, this::publish);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The flag's boolean value; {@code false} for an unknown or non-boolean flag. */
    public boolean isEnabled(String organizationId, String key) {
        return booleanValue(organizationId, key, false);
    }

    /** The environment-level boolean value (no organization). */
    public boolean isEnabled(String key) {
        return booleanValue(null, key, false);
    }

    /** The flag's boolean value, or {@code fallback} for an unknown or non-boolean flag. */
    public boolean booleanValue(String organizationId, String key, boolean fallback) {
        FlagObserver watching = observer;
        if (watching == null) {
            return table.booleanValue(organizationId, key, fallback);
        }
        return table.observedBooleanValue(organizationId, key, fallback, watching);
    }

    /**
     * A handle on a declared boolean flag, the fastest way to ask for it: get it once at start-up and
     * keep it. It answers exactly as {@code booleanValue(organizationId, key, false)}, from the
     * resolver's current values.
     *
     * @throws FlagConfigurationException when the flag is not declared on the builder (inferred
     *                                    flags have no handle) or is declared with another type
     */
    public BooleanFlag booleanFlag(String key) {
        Objects.requireNonNull(key, "key");
        FlagDefinition definition = declared.get(key);
        if (definition == null) {
            throw new FlagConfigurationException("booleanFlag(\"" + key + "\"): no flag '" + key
                    + "' is declared; declare it on the builder (.flag(\"" + key + "\", false)) or fix the name");
        }
        if (definition.type() != FlagType.BOOLEAN) {
            throw new FlagConfigurationException("booleanFlag(\"" + key + "\"): flag '" + key + "' is declared "
                    + definition.type() + ", not boolean; read it with " + definition.type() + "Value(...)");
        }
        return new BooleanFlag(this, key, Arrays.binarySearch(booleanFlags, key));
    }

    /** The answer of the declared boolean flag at {@code index}: {@link BooleanFlag}'s path. */
    boolean booleanAt(String organizationId, int index) {
        FlagObserver watching = observer;
        if (watching == null) {
            return table.booleanAt(organizationId, index);
        }
        return table.observedBooleanAt(organizationId, index, watching);
    }

    public String stringValue(String organizationId, String key, String fallback) {
        ResolvedFlag flag = flag(organizationId, key);
        return flag != null && flag.value() instanceof FlagValue.Text text ? text.value() : fallback;
    }

    public BigDecimal numberValue(String organizationId, String key, BigDecimal fallback) {
        ResolvedFlag flag = flag(organizationId, key);
        return flag != null && flag.value() instanceof FlagValue.Number number ? number.value() : fallback;
    }

    public JsonNode jsonValue(String organizationId, String key, JsonNode fallback) {
        ResolvedFlag flag = flag(organizationId, key);
        return flag != null && flag.value() instanceof FlagValue.Json json ? json.toJson() : fallback;
    }

    /** The flag's value and source; empty for a flag that is not declared (or inferred). */
    public Optional<ResolvedFlag> resolve(String organizationId, String key) {
        return Optional.ofNullable(flag(organizationId, key));
    }

    private ResolvedFlag flag(String organizationId, String key) {
        FlagTable.Entry entry = table.forOrganization(organizationId).get(key);
        if (observer != null) {
            if (entry == null) {
                observer.unknownFlag();
            } else {
                observer.resolved(entry.flag.source());
            }
        }
        return entry == null ? null : entry.flag;
    }

    /** Every flag for an organization: the resolved view of docs/flags.md. */
    public ResolvedFlags resolveAll(String organizationId) {
        Objects.requireNonNull(organizationId, "organizationId");
        return view(Optional.of(organizationId));
    }

    /** Every flag at the environment level (no organization overrides). */
    public ResolvedFlags resolveAll() {
        return view(Optional.empty());
    }

    private ResolvedFlags view(Optional<String> organizationId) {
        if (database != null) {
            database.poke(); // lets refresh-after-write run on reads that are not on the hot path
        }
        Map<String, ResolvedFlag> flags = new LinkedHashMap<>();
        FlagTable current = table;
        Map<String, FlagTable.Entry> source = current.forOrganization(organizationId.orElse(null));
        current.definitions.keySet().forEach(key -> flags.put(key, source.get(key).flag));
        return new ResolvedFlags(organizationId, environment.id(), flags);
    }

    /** The declared flags, with those inferred from the layers when the builder asked for that. */
    public Map<String, FlagDefinition> definitions() {
        return table.definitions;
    }

    public AppEnv environment() {
        return environment;
    }

    public Overrides overrides() {
        return overrides;
    }

    /**
     * Reads the database layer now instead of waiting for a change notice or the refresh.
     *
     * @throws FlagStoreException when it cannot be read; the last known values stay in use
     */
    public void refresh() {
        if (database != null) {
            database.reload();
        }
    }

    /** When the database layer was last read successfully; empty without a store or before the first read. */
    public Optional<Instant> databaseLoadedAt() {
        return database == null ? Optional.empty() : database.loadedAt();
    }

    /** Stops listening for changes and refreshing. */
    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }

    private void publish(Map<String, FlagValue> databaseValues) {
        table = FlagTable.build(declared, inferUndeclared, overrides, databaseValues, booleanFlags);
    }

    /** Configures a {@link FlagResolver}. Not thread-safe; the resolver it builds is. */
    public static final class Builder {
        private AppEnv environment;
        private Overrides overrides = Overrides.none();
        private final Map<String, FlagDefinition> declared = new LinkedHashMap<>();
        private boolean inferUndeclared;
        private FlagStore store;
        private Duration refreshAfterWrite = Duration.ofSeconds(30);
        private Executor executor = ForkJoinPool.commonPool();
        private Clock clock = Clock.systemUTC();
        private boolean listen = true;
        private boolean backgroundRefresh = true;
        private FlagObserver observer;

        private Builder() {
        }

        public Builder environment(AppEnv environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        public Builder overrides(Overrides overrides) {
            this.overrides = Objects.requireNonNull(overrides, "overrides");
            return this;
        }

        /**
         * Reads the four override variables, and the environment from {@code APP_ENV} unless set.
         *
         * @throws InvalidOverridesException when an override does not parse (fail closed)
         */
        public Builder overrides(Variables variables) {
            this.overrides = Overrides.fromVariables(variables);
            if (environment == null) {
                variables.value("APP_ENV").flatMap(AppEnv::parse).ifPresent(env -> this.environment = env);
            }
            return this;
        }

        /** Declares a flag; its default fixes its type. */
        public Builder flag(FlagDefinition definition) {
            declared.put(definition.key(), definition);
            return this;
        }

        public Builder flag(String key, boolean defaultValue) {
            return flag(FlagDefinition.of(key, defaultValue));
        }

        /**
         * Declares every flag met in the overrides or the database (type from its value, default
         * {@code false}, {@code ""}, {@code 0} or {@code {}}) instead of refusing overrides of
         * undeclared flags and ignoring undeclared database rows. For tools that read someone
         * else's configuration, such as {@code sosops-env flags resolve}.
         */
        public Builder inferUndeclaredFlags() {
            this.inferUndeclared = true;
            return this;
        }

        /** The database layer. */
        public Builder store(FlagStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** How old database values may get before a read triggers a background reload (default 30 s). */
        public Builder refreshAfterWrite(Duration age) {
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("refreshAfterWrite must be positive");
            }
            this.refreshAfterWrite = age;
            return this;
        }

        /** Where reloads run (default: the common pool). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The time source of the refresh schedule. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Whether to subscribe to the store's change notices (default true). */
        public Builder listenForChanges(boolean listen) {
            this.listen = listen;
            return this;
        }

        /**
         * Whether a background thread checks every refresh interval whether the database values
         * are due (default true). Without it, reloads happen on change notices, on {@link #refresh()}
         * and on {@link #resolveAll} calls.
         */
        public Builder backgroundRefresh(boolean backgroundRefresh) {
            this.backgroundRefresh = backgroundRefresh;
            return this;
        }

        /**
         * Told the source of every single-flag answer (metrics); called on the request path, so it
         * must be cheap and must not throw. Without one, resolution pays nothing for it.
         */
        public Builder observer(FlagObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * @throws IllegalStateException       without an environment
         * @throws FlagConfigurationException when an override names an undeclared flag or has the wrong type
         */
        public FlagResolver build() {
            if (environment == null) {
                throw new IllegalStateException("FlagResolver needs environment(...) or an APP_ENV in overrides(variables)");
            }
            return new FlagResolver(this);
        }
    }
}
