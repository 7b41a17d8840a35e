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
 * organization with overrides, a full table with those on top. A lookup is then one probe for the
 * organization and one for the key, allocating nothing. Rebuilt whole when the database layer
 * changes; never mutated after construction.
 *
 * <p>Boolean answers, the per-request call, also live in flat open-addressing arrays held by this
 * object itself: no map objects, nodes or boxed values to walk, so a lookup touches a handful of
 * cache lines. The maps serve everything else.
 *
 * <p>Each declared boolean flag also has a fixed index, given by the resolver and the same in
 * every rebuild; each table lays its answers out by that index too, so a {@link BooleanFlag}
 * needs the organization probe and one array read, no key probe.
 */
final class FlagTable {
    private static final Logger LOG = LoggerFactory.getLogger(FlagTable.class);
    private static final byte NOT_BOOLEAN = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final int VALUE_BITS = 3;
    private static final int SOURCE_SHIFT = 2;
    private static final Source[] SOURCES = Source.values();

    final HashMap<String, Entry> base;
    final HashMap<String, HashMap<String, Entry>> byOrganization;
    final Map<String, FlagDefinition> definitions;
    final Map<String, FlagValue> database;

    private final String[] baseKeys;
    private final byte[] baseAnswers;
    private final byte[] baseByIndex;
    private final String[] organizationKeys;
    private final Answers[] organizationAnswers;
    private final boolean hasOrganizations;

    private FlagTable(HashMap<String, Entry> base, HashMap<String, HashMap<String, Entry>> byOrganization,
                      Map<String, FlagDefinition> definitions, Map<String, FlagValue> database, String[] booleanFlags) {
        this.base = base;
        this.byOrganization = byOrganization;
        this.definitions = definitions;
        this.database = database;
        Answers baseIndex = Answers.of(base, booleanFlags);
        this.baseKeys = baseIndex.keys;
        this.baseAnswers = baseIndex.answers;
        this.baseByIndex = baseIndex.byIndex;
        this.organizationKeys = new String[slots(byOrganization.size())];
        this.organizationAnswers = new Answers[organizationKeys.length];
        byOrganization.forEach((org, table) -> {
            int i = probe(organizationKeys, org);
            organizationKeys[i] = org;
            organizationAnswers[i] = Answers.of(table, booleanFlags);
        });
        this.hasOrganizations = !byOrganization.isEmpty();
    }

    /** The request path: no allocation, no boxing. */
    boolean booleanValue(String organization, String key, boolean fallback) {
        int keyHash = spread(key.hashCode());
        Answers answers = answersOf(organization);
        return answers == null ? answer(baseKeys, baseAnswers, key, keyHash, fallback)
                : answer(answers.keys, answers.answers, key, keyHash, fallback);
    }

    /**
     * The declared boolean flag at {@code index}, the handle's path: the organization probe, then
     * one array read. A declared boolean flag is in every table and always boolean (overrides of
     * another type are refused, database values of another type ignored), so no fallback is needed.
     */
    boolean booleanAt(String organization, int index) {
        return (packedAt(organization, index) & VALUE_BITS) == TRUE;
    }

    /** {@link #booleanAt}, also telling the observer where the answer came from. */
    boolean observedBooleanAt(String organization, int index, FlagObserver observer) {
        int answer = packedAt(organization, index);
        observer.resolved(SOURCES[answer >>> SOURCE_SHIFT]);
        return (answer & VALUE_BITS) == TRUE;
    }

    private int packedAt(String organization, int index) {
        Answers answers = answersOf(organization);
        return answers == null ? baseByIndex[index] : answers.byIndex[index];
    }

    /** The answers of an organization with overrides; {@code null} for the environment-level ones. */
    private Answers answersOf(String organization) {
        if (!hasOrganizations || organization == null) {
            return null;
        }
        String[] keys = organizationKeys;
        int mask = keys.length - 1;
        for (int i = spread(organization.hashCode()) & mask; ; i = (i + 1) & mask) {
            String candidate = keys[i];
            if (candidate == null) {
                return null;
            }
            if (candidate == organization || candidate.equals(organization)) {
                return organizationAnswers[i];
            }
        }
    }

    private static boolean answer(String[] keys, byte[] answers, String key, int keyHash, boolean fallback) {
        int answer = packed(keys, answers, key, keyHash);
        if (answer < 0) {
            return fallback;
        }
        int value = answer & VALUE_BITS;
        return value == NOT_BOOLEAN ? fallback : value == TRUE;
    }

    /**
     * The same lookup as {@link #booleanValue}, also telling the observer where the answer came
     * from; kept apart so the unobserved path pays nothing for it.
     */
    boolean observedBooleanValue(String organization, String key, boolean fallback, FlagObserver observer) {
        int keyHash = spread(key.hashCode());
        Answers answers = answersOf(organization);
        int answer = answers == null ? packed(baseKeys, baseAnswers, key, keyHash)
                : packed(answers.keys, answers.answers, key, keyHash);
        if (answer < 0) {
            observer.unknownFlag();
            return fallback;
        }
        observer.resolved(SOURCES[answer >>> SOURCE_SHIFT]);
        int value = answer & VALUE_BITS;
        return value == NOT_BOOLEAN ? fallback : value == TRUE;
    }

    /** The packed answer (value bits, source above them) or -1 for a key not in the table. */
    private static int packed(String[] keys, byte[] answers, String key, int keyHash) {
        int mask = keys.length - 1;
        for (int i = keyHash & mask; ; i = (i + 1) & mask) {
            String candidate = keys[i];
            if (candidate == null) {
                return -1;
            }
            if (candidate == key || candidate.equals(key)) {
                return answers[i];
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** At least four slots per entry, a power of two: probes stay short and always meet an empty slot. */
    private static int slots(int entries) {
        return Math.max(8, Integer.highestOneBit(Math.max(1, entries) * 4 - 1) << 1);
    }

    private static int probe(String[] keys, String key) {
        int mask = keys.length - 1;
        int i = spread(key.hashCode()) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /**
     * One table's boolean answers: keys and answers in parallel arrays, and the declared boolean
     * flags' answers again by their fixed index.
     */
    private static final class Answers {
        final String[] keys;
        final byte[] answers;
        final byte[] byIndex;

        private Answers(String[] keys, byte[] answers, byte[] byIndex) {
            this.keys = keys;
            this.answers = answers;
            this.byIndex = byIndex;
        }

        static Answers of(Map<String, Entry> table, String[] booleanFlags) {
            String[] keys = new String[slots(table.size())];
            byte[] answers = new byte[keys.length];
            table.forEach((key, entry) -> {
                int i = probe(keys, key);
                keys[i] = key;
                answers[i] = pack(entry);
            });
            byte[] byIndex = new byte[booleanFlags.length];
            for (int i = 0; i < booleanFlags.length; i++) {
                byIndex[i] = pack(table.get(booleanFlags[i]));
            }
            return new Answers(keys, answers, byIndex);
        }

        private static byte pack(Entry entry) {
            byte value = !entry.isBoolean ? NOT_BOOLEAN : entry.booleanValue ? TRUE : FALSE;
            return (byte) (value | entry.flag.source().ordinal() << SOURCE_SHIFT);
        }
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
     * @param booleanFlags      the declared boolean flags, each at its fixed index
     */
    static FlagTable build(Map<String, FlagDefinition> declared, boolean inferUndeclared, Overrides overrides,
                           Map<String, FlagValue> database, String[] booleanFlags) {
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
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(database)), booleanFlags);
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
