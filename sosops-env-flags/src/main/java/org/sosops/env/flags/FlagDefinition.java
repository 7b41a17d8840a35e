package org.sosops.env.flags;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Objects;
import org.sosops.env.flags.value.FlagType;
import org.sosops.env.flags.value.FlagValue;

/**
 * A declared flag: its key and its default, which also fixes its type. Every layer must give the
 * flag a value of that type.
 *
 * <pre>{@code
 * FlagDefinition inbox = FlagDefinition.of("new_inbox", false);
 * FlagDefinition banner = FlagDefinition.of("banner_text", "");
 * }</pre>
 */
public record FlagDefinition(String key, FlagValue defaultValue) {
    public FlagDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (key.isBlank()) {
            throw new IllegalArgumentException("a flag key must not be blank");
        }
    }

    public static FlagDefinition of(String key, boolean defaultValue) {
        return new FlagDefinition(key, FlagValue.of(defaultValue));
    }

    public static FlagDefinition of(String key, String defaultValue) {
        return new FlagDefinition(key, FlagValue.of(defaultValue));
    }

    public static FlagDefinition of(String key, BigDecimal defaultValue) {
        return new FlagDefinition(key, FlagValue.of(defaultValue));
    }

    public static FlagDefinition of(String key, long defaultValue) {
        return new FlagDefinition(key, FlagValue.of(defaultValue));
    }

    public static FlagDefinition json(String key, JsonNode defaultValue) {
        return new FlagDefinition(key, FlagValue.json(defaultValue));
    }

    /** A definition for a flag met only in a layer: its type, with the "off" value as default. */
    static FlagDefinition inferredFrom(String key, FlagValue seen) {
        FlagValue off = switch (seen.type()) {
            case BOOLEAN -> FlagValue.of(false);
            case STRING -> FlagValue.of("");
            case NUMBER -> FlagValue.of(0);
            case JSON -> FlagValue.json(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        };
        return new FlagDefinition(key, off);
    }

    public FlagType type() {
        return defaultValue.type();
    }
}
