package org.sosops.env.flags.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One layer of entitlements as docs/flags.md shapes it: a seat limit, extra features and usage caps,
 * each optional. Layers merge in {@code EntitlementResolver}.
 *
 * <pre>{@code
 * Entitlements plan = Entitlements.of(10, Set.of("bulk_sms"), Map.of("sms_per_month", 5000L));
 * }</pre>
 */
public record Entitlements(OptionalLong seatLimit, Set<String> features, Map<String, Long> usageCaps) {
    private static final Entitlements NONE = new Entitlements(OptionalLong.empty(), Set.of(), Map.of());

    public Entitlements {
        Objects.requireNonNull(seatLimit, "seatLimit");
        features = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(features, "features")));
        usageCaps = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(usageCaps, "usageCaps")));
        if (seatLimit.isPresent() && seatLimit.getAsLong() < 0) {
            throw new IllegalArgumentException("seat_limit must not be negative");
        }
        usageCaps.forEach((key, cap) -> {
            if (cap == null || cap < 0) {
                throw new IllegalArgumentException("usage cap " + key + " must be a non-negative number");
            }
        });
    }

    /** A layer that sets nothing. */
    public static Entitlements none() {
        return NONE;
    }

    public static Entitlements of(long seatLimit, Set<String> features, Map<String, Long> usageCaps) {
        return new Entitlements(OptionalLong.of(seatLimit), features, usageCaps);
    }

    public boolean isEmpty() {
        return seatLimit.isEmpty() && features.isEmpty() && usageCaps.isEmpty();
    }
}
