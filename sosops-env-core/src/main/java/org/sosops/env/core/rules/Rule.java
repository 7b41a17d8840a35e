package org.sosops.env.core.rules;

import java.util.function.Consumer;

/**
 * A check over one environment's variables. Modules contribute rules through
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/org.sosops.env.core.rules.Rule} and every {@link RuleEngine} built with
 * {@link RuleEngine#discover()} runs it.
 *
 * <pre>{@code
 * public final class OverrideJsonRule implements Rule {
 *     public void evaluate(RuleContext context, Consumer<Finding> findings) {
 *         context.variables().value("FEATURE_FLAG_ENV_OVERRIDES_JSON").ifPresent(json -> ...);
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations must be stateless and thread-safe, and must never put a variable's value in
 * a message.
 */
public interface Rule {
    void evaluate(RuleContext context, Consumer<Finding> findings);
}
