package org.sosops.env.core.variables;

import java.util.Objects;
import java.util.Optional;

/**
 * One variable's raw value and where it came from. {@code toString()} never shows the value,
 * because the holder cannot know whether it is secret.
 */
public record VariableValue(String name, String value, Optional<Location> location) {
    public VariableValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    @Override
    public String toString() {
        return name + "=<" + value.length() + " chars>" + location.map(l -> " at " + l).orElse("");
    }
}
