package org.sosops.env.core.rules;

import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.variables.Location;

/**
 * One problem found by a rule. Messages name variables, files and lines, never secret values.
 *
 * <pre>{@code
 * Finding f = Finding.error(RuleId.REQUIRED_MISSING, "DATABASE_URL is required in staging")
 *         .variable("DATABASE_URL").environment("staging").build();
 * }</pre>
 *
 * @param environment the environment name; usually canonical, but the raw value for
 *                    {@code app-env-invalid}
 * @param waiver      the exception-register entry that waives this finding, if any
 */
public record Finding(
        RuleId rule,
        Severity severity,
        String message,
        Optional<String> variable,
        Optional<String> environment,
        Optional<Location> location,
        Optional<String> waiver) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(waiver, "waiver");
    }

    public static Builder error(RuleId rule, String message) {
        return new Builder(rule, Severity.ERROR, message);
    }

    public static Builder warning(RuleId rule, String message) {
        return new Builder(rule, Severity.WARNING, message);
    }

    public boolean isWaived() {
        return waiver.isPresent();
    }

    /** An unwaived error: what makes a check fail. */
    public boolean isBlocking() {
        return severity == Severity.ERROR && waiver.isEmpty();
    }

    public Finding waivedBy(String entry) {
        return new Finding(rule, severity, message, variable, environment, location, Optional.of(entry));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        location.ifPresent(l -> text.append(l).append(": "));
        text.append(severity).append(" [").append(rule.id()).append("] ");
        environment.ifPresent(e -> text.append('(').append(e).append(") "));
        text.append(message);
        waiver.ifPresent(w -> text.append(" (waived by ").append(w).append(')'));
        return text.toString();
    }

    public static final class Builder {
        private final RuleId rule;
        private final Severity severity;
        private final String message;
        private String variable;
        private String environment;
        private Location location;

        private Builder(RuleId rule, Severity severity, String message) {
            this.rule = rule;
            this.severity = severity;
            this.message = message;
        }

        public Builder variable(String name) {
            this.variable = name;
            return this;
        }

        public Builder environment(Object environment) {
            this.environment = environment == null ? null : environment.toString();
            return this;
        }

        public Builder at(Location location) {
            this.location = location;
            return this;
        }

        public Builder at(Optional<Location> location) {
            this.location = location.orElse(null);
            return this;
        }

        public Finding build() {
            return new Finding(rule, severity, message, Optional.ofNullable(variable),
                    Optional.ofNullable(environment), Optional.ofNullable(location), Optional.empty());
        }
    }
}
