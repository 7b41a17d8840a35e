package org.sosops.env.core.variables;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of environment variables with their origins: the input of validation.
 *
 * <pre>{@code
 * Variables vars = Variables.builder()
 *         .addAll(DotEnvReader.read(Path.of("staging.env")))
 *         .addMissingFrom(System.getenv())
 *         .build();
 * }</pre>
 */
public final class Variables {
    private static final Variables EMPTY = new Variables(Map.of());

    private final Map<String, VariableValue> values;

    private Variables(Map<String, VariableValue> values) {
        this.values = values;
    }

    public static Variables empty() {
        return EMPTY;
    }

    /** Variables with no recorded origin, such as a process environment or a test's map. */
    public static Variables of(Map<String, String> plain) {
        return builder().addMissingFrom(plain).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<VariableValue> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value when present and not blank. */
    public Optional<String> value(String name) {
        VariableValue v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.value());
    }

    public boolean isPresent(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return values.keySet();
    }

    public Map<String, VariableValue> asMap() {
        return values;
    }

    /** A plain name-to-value map, for handing to other configuration systems. */
    public Map<String, String> toPlainMap() {
        Map<String, String> plain = new LinkedHashMap<>();
        values.forEach((name, v) -> plain.put(name, v.value()));
        return Collections.unmodifiableMap(plain);
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        return builder;
    }

    @Override
    public String toString() {
        return "Variables" + values.keySet();
    }

    public static final class Builder {
        private final Map<String, VariableValue> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds or replaces a value: later sources win. */
        public Builder put(VariableValue value) {
            values.put(value.name(), value);
            return this;
        }

        public Builder put(String name, String value) {
            return put(new VariableValue(name, value, Optional.empty()));
        }

        public Builder addAll(Iterable<VariableValue> entries) {
            entries.forEach(this::put);
            return this;
        }

        /** Adds only the names not set yet: the process environment fills gaps, never overrides files. */
        public Builder addMissingFrom(Map<String, String> plain) {
            plain.forEach((name, value) -> {
                if (name != null && value != null) {
                    values.putIfAbsent(name, new VariableValue(name, value, Optional.empty()));
                }
            });
            return this;
        }

        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        public Variables build() {
            return new Variables(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
    }
}
