package org.sosops.env.flags.overrides;

import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.variables.Location;

/**
 * Why one override variable cannot be used: the variable, the JSON position (1-based line and
 * column inside its value) and what is wrong. Override values are not secret, but the message
 * still quotes no more than a token.
 *
 * @param location where the variable itself was read (a {@code .env} file and line), when known
 */
public record OverrideProblem(OverrideVariable variable, int line, int column, String detail,
                              Optional<Location> location) {
    public OverrideProblem {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(location, "location");
    }

    /** {@code FEATURE_FLAG_ORG_OVERRIDES_JSON is invalid at JSON line 1, column 14: …}. */
    public String message() {
        return variable + " is invalid at JSON line " + line + ", column " + column + ": " + detail;
    }

    @Override
    public String toString() {
        return location.map(l -> l + ": ").orElse("") + message();
    }
}
