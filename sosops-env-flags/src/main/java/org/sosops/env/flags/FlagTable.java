package org.sosops.env.flags;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.flags.overrides.Overrides;
import org.sosops.env.flags.value.FlagValue;
import org.sosops.env.flags.value.Source;

/**
 * Every answer precomputed: the environment-level table (env &gt; db &gt; default) and, for each
 * organization with overrides, a full table with those on top. A lookup is then one map for the
 * organization and one for the key, allocating nothing. Rebuilt whole when the database layer
 * changes; never mutated after construction.
 */
final class FlagTable {
    private static final Logger LOG = LoggerFactory.getLogger(FlagTable.class);

    final HashMap<String, Entry> base;
    final HashMap<String, HashMap<String, Entry>> byOrganization;
    final Map<String, FlagDefinition> definitions;
    final Map<String, FlagValue> database;

    private FlagTable(HashMap<String, Entry> base, HashMap<String, HashMap<String, Entry>> byOrganization,
                      Map<String, FlagDefinition> definitions, Map<String, FlagValue> database) {
        this.base = base;
        this.byOrganization = byOrganization;
        this.definitions = definitions;
        this.database = database;
    }

    /** The table for an organization; the environment-level one when it has no overrides. */
    HashMap<String, Entry> forOrganization(String organization) {
        HashMap<String, Entry> table = byOrganization.get(organization);
        return table == null ? base : table;
    }

    /**
     * @param declared          the declared flags
     * @param inferUndeclared   declare flags met only in a layer (type from the value, "off" default)
     *                          instead of refusing or ignoring them
     */
    static FlagTable build(Map<String, FlagDefinition> declared, boolean inferUndeclared, Overrides overrides,
                           Map<String, FlagValue> database) {
        Map<String, FlagDefinition> definitions = new TreeMap<>(declared);
        if (inferUndeclared) {
            overrides.envFlags().forEach((key, value) -> definitions.putIfAbsent(key, FlagDefinition.inferredFrom(key, value)));
            overrides.orgFlags().values().forEach(flags -> flags.forEach(
                    (key, value) -> definitions.putIfAbsent(key, FlagDefinition.inferredFrom(key, value))));
            database.forEach((key, value) -> definitions.putIfAbsent(key, FlagDefinition.inferredFrom(key, value)));
        }
        checkOverrides("FEATURE_FLAG_ENV_OVERRIDES_JSON", "", overrides.envFlags(), definitions);
        overrides.orgFlags().forEach((org, flags) ->
                checkOverrides("FEATURE_FLAG_ORG_OVERRIDES_JSON", " for organization '" + org + "'", flags, definitions));

        HashMap<String, Entry> base = new HashMap<>(capacity(definitions.size()));
        for (FlagDefinition definition : definitions.values()) {
            String key = definition.key();
            FlagValue env = overrides.envFlags().get(key);
            FlagValue db = database.get(key);
            if (db != null && db.type() != definition.type()) {
                LOG.warn("flag '{}' is {} in the database but declared {}; ignoring the database value",
                        key, db.type(), definition.type());
                db = null;
            }
            ResolvedFlag resolved = env != null ? new ResolvedFlag(key, env, Source.ENV)
                    : db != null ? new ResolvedFlag(key, db, Source.DB)
                    : new ResolvedFlag(key, definition.defaultValue(), Source.DEFAULT);
            base.put(key, new Entry(resolved));
        }
        HashMap<String, HashMap<String, Entry>> byOrganization = new HashMap<>();
        overrides.orgFlags().forEach((org, flags) -> {
            HashMap<String, Entry> table = new HashMap<>(capacity(base.size()));
            table.putAll(base);
            flags.forEach((key, value) -> table.put(key, new Entry(new ResolvedFlag(key, value, Source.ORG))));
            byOrganization.put(org, table);
        });
        return new FlagTable(base, byOrganization, java.util.Collections.unmodifiableMap(definitions),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(database)));
    }

    private static void checkOverrides(String variable, String where, Map<String, FlagValue> flags,
                                       Map<String, FlagDefinition> definitions) {
        flags.forEach((key, value) -> {
            FlagDefinition definition = definitions.get(key);
            if (definition == null) {
                throw new FlagConfigurationException(variable + " sets flag '" + key + "'" + where
                        + ", which is not declared; declare it on the resolver or remove the override");
            }
            if (definition.type() != value.type()) {
                throw new FlagConfigurationException(variable + " gives flag '" + key + "'" + where + " a "
                        + value.type() + " value, but it is declared " + definition.type());
            }
        });
    }

    /**
     * A resolved flag with its boolean answer unpacked: the hot path reads one object, not three.
     */
    static final class Entry {
        final ResolvedFlag flag;
        final boolean isBoolean;
        final boolean booleanValue;

        Entry(ResolvedFlag flag) {
            this.flag = flag;
            this.isBoolean = flag.value() instanceof FlagValue.Bool;
            this.booleanValue = flag.value() instanceof FlagValue.Bool bool && bool.value();
        }
    }

    /** A capacity that keeps the load factor low: fewer collisions on the hot path. */
    private static int capacity(int entries) {
        return Math.max(16, Integer.highestOneBit(Math.max(1, entries) * 4 - 1) << 1);
    }
}
