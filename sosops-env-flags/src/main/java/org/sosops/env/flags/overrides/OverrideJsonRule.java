package org.sosops.env.flags.overrides;

import java.util.function.Consumer;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.Rule;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;

/**
 * {@code value-invalid} for override JSON that does not parse or has the wrong shape, contributed
 * to the core's rule engine through {@link java.util.ServiceLoader}, so {@code sosops-env check}
 * reports it the way a resolver would refuse it.
 */
public final class OverrideJsonRule implements Rule {
    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        if (Overrides.parse(context.variables()) instanceof OverridesParse.Invalid invalid) {
            for (OverrideProblem problem : invalid.problems()) {
                findings.accept(Finding.error(RuleId.VALUE_INVALID, problem.message())
                        .variable(problem.variable().name())
                        .environment(context.environment().orElse(null))
                        .at(problem.location())
                        .build());
            }
        }
    }
}
