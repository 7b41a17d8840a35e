package org.sosops.env.flags.overrides;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.value.Entitlements;
import org.sosops.env.flags.value.FlagValue;

/**
 * The parsed override variables of one environment (docs/flags.md). Immutable.
 *
 * <pre>{@code
 * Overrides overrides = Overrides.fromVariables(policy.variables()); // throws when a JSON is bad
 * if (Overrides.parse(variables) instanceof OverridesParse.Invalid invalid) {
 *     invalid.problems().forEach(p -> log.error(p.message()));
 * }
 * }</pre>
 */
public record Overrides(Map<String, FlagValue> envFlags,
                        Map<String, Map<String, FlagValue>> orgFlags,
                        Entitlements envEntitlements,
                        Map<String, Entitlements> orgEntitlements) {
    private static final Overrides NONE = new Overrides(Map.of(), Map.of(), Entitlements.none(), Map.of());

    public Overrides {
        envFlags = copy(envFlags);
        Map<String, Map<String, FlagValue>> orgs = new LinkedHashMap<>();
        Objects.requireNonNull(orgFlags, "orgFlags").forEach((org, flags) -> orgs.put(org, copy(flags)));
        orgFlags = Collections.unmodifiableMap(orgs);
        Objects.requireNonNull(envEntitlements, "envEntitlements");
        orgEntitlements = copy(orgEntitlements);
    }

    public static Overrides none() {
        return NONE;
    }

    /** Parses the four variables; never throws for bad JSON, it reports it. */
    public static OverridesParse parse(Variables variables) {
        return OverridesParser.parse(variables);
    }

    /**
     * Parses the four variables.
     *
     * @throws InvalidOverridesException naming every variable and JSON position that is wrong
     */
    public static Overrides fromVariables(Variables variables) {
        OverridesParse result = parse(variables);
        if (result instanceof OverridesParse.Invalid invalid) {
            throw new InvalidOverridesException(invalid.problems());
        }
        return ((OverridesParse.Parsed) result).overrides();
    }

    public Map<String, FlagValue> orgFlags(String organization) {
        return orgFlags.getOrDefault(organization, Map.of());
    }

    public Optional<Entitlements> orgEntitlements(String organization) {
        return Optional.ofNullable(orgEntitlements.get(organization));
    }

    private static <K, V> Map<K, V> copy(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(map)));
    }
}
