package org.sosops.env.core.rules;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;

/**
 * What a rule sees when validating one environment.
 *
 * @param environment the environment under validation; empty when {@code APP_ENV} is unusable,
 *                    in which case environment-specific rules stay silent
 * @param variables   the variables of that environment, with their origins
 * @param clock       the time source for anything time-bound
 * @param catalog     the variables this host is checked against (its providers, its own variables)
 */
public record RuleContext(Optional<AppEnv> environment, Variables variables, Clock clock, Catalog catalog) {
    public RuleContext {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(catalog, "catalog");
    }

    /** A context whose catalog is {@link Catalog#forVariables(Variables)}: defaults and {@code SOSOPS_PROVIDERS}. */
    public RuleContext(Optional<AppEnv> environment, Variables variables, Clock clock) {
        this(environment, variables, clock, Catalog.forVariables(variables));
    }
}
