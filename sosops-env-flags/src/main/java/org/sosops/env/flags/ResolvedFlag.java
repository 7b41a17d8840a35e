package org.sosops.env.flags;

import java.util.Objects;
import org.sosops.env.flags.value.FlagType;
import org.sosops.env.flags.value.FlagValue;
import org.sosops.env.flags.value.Source;

/**
 * One flag's answer: its value and where that value came from.
 *
 * <pre>{@code
 * ResolvedFlag flag = resolver.resolve("org_123", "new_inbox").orElseThrow();
 * log.info("new_inbox={} from {}", flag.value(), flag.source());
 * }</pre>
 */
public record ResolvedFlag(String key, FlagValue value, Source source) {
    public ResolvedFlag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    public FlagType type() {
        return value.type();
    }

    @Override
    public String toString() {
        return key + "=" + value + " (" + source + ")";
    }
}
