package org.sosops.env.flags.value;

import java.util.Locale;

/**
 * Where a resolved value came from, highest precedence first (docs/flags.md).
 *
 * <pre>{@code
 * if (resolver.resolve("org_123", "new_inbox").orElseThrow().source() == Source.ORG) { ... }
 * }</pre>
 */
public enum Source {
    /** {@code FEATURE_FLAG_ORG_OVERRIDES_JSON} / {@code ENTITLEMENT_ORG_OVERRIDES_JSON}. */
    ORG,
    /** {@code FEATURE_FLAG_ENV_OVERRIDES_JSON} / {@code ENTITLEMENT_ENV_OVERRIDES_JSON}. */
    ENV,
    /** The flag store (PostgreSQL table). */
    DB,
    /** The declared default. */
    DEFAULT;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** {@code org}, {@code env}, {@code db} or {@code default}: the spelling of JSON and text output. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
