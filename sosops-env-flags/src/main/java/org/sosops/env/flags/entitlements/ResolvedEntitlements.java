package org.sosops.env.flags.entitlements;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.sosops.env.flags.value.Source;

/**
 * An organization's effective entitlements with the source of every part (docs/flags.md).
 *
 * <pre>{@code
 * ResolvedEntitlements e = entitlements.resolve("org_123");
 * if (e.hasFeature("bulk_sms")) { ... }
 * e.toJson(); // {"organization_id":"org_123","environment":"staging","seat_limit":25,"features":[…],
 *             //  "usage_caps":{…},"sources":{"seat_limit":"org","features":{…},"usage_caps":{…}}}
 * }</pre>
 *
 * @param features   feature name to the highest layer that grants it
 * @param usageCaps  cap name to its value
 * @param capSources cap name to the layer its value came from
 */
public record ResolvedEntitlements(Optional<String> organizationId, String environment, OptionalLong seatLimit,
                                   Optional<Source> seatLimitSource, Map<String, Source> features,
                                   Map<String, Long> usageCaps, Map<String, Source> capSources) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ResolvedEntitlements {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(seatLimit, "seatLimit");
        Objects.requireNonNull(seatLimitSource, "seatLimitSource");
        features = Collections.unmodifiableMap(new TreeMap<>(features));
        usageCaps = Collections.unmodifiableMap(new TreeMap<>(usageCaps));
        capSources = Collections.unmodifiableMap(new TreeMap<>(capSources));
    }

    public boolean hasFeature(String feature) {
        return features.containsKey(feature);
    }

    public OptionalLong usageCap(String name) {
        Long cap = usageCaps.get(name);
        return cap == null ? OptionalLong.empty() : OptionalLong.of(cap);
    }

    /** The docs/flags.md JSON tree; {@code seat_limit} is {@code null} when no layer sets one. */
    public ObjectNode toJsonTree() {
        ObjectNode root = MAPPER.createObjectNode();
        if (organizationId.isPresent()) {
            root.put("organization_id", organizationId.get());
        } else {
            root.putNull("organization_id");
        }
        root.put("environment", environment);
        if (seatLimit.isPresent()) {
            root.put("seat_limit", seatLimit.getAsLong());
        } else {
            root.putNull("seat_limit");
        }
        ArrayNode featureList = root.putArray("features");
        features.keySet().forEach(featureList::add);
        ObjectNode caps = root.putObject("usage_caps");
        usageCaps.forEach(caps::put);
        ObjectNode sources = root.putObject("sources");
        seatLimitSource.ifPresent(source -> sources.put("seat_limit", source.id()));
        ObjectNode featureSources = sources.putObject("features");
        features.forEach((feature, source) -> featureSources.put(feature, source.id()));
        ObjectNode capSourceNode = sources.putObject("usage_caps");
        capSources.forEach((cap, source) -> capSourceNode.put(cap, source.id()));
        return root;
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every source by part, flat: {@code seat_limit}, {@code features.<name>}, {@code usage_caps.<name>}. */
    public Map<String, Source> sources() {
        Map<String, Source> all = new LinkedHashMap<>();
        seatLimitSource.ifPresent(source -> all.put("seat_limit", source));
        features.forEach((feature, source) -> all.put("features." + feature, source));
        capSources.forEach((cap, source) -> all.put("usage_caps." + cap, source));
        return Collections.unmodifiableMap(all);
    }
}
