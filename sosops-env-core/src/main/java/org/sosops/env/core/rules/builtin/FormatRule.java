package org.sosops.env.core.rules.builtin;

import java.util.Optional;
import java.util.function.Consumer;
import org.sosops.env.core.catalog.CanonicalVariable;
import org.sosops.env.core.catalog.FormatProblem;
import org.sosops.env.core.catalog.Requirement;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.Rule;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.VariableValue;

/**
 * {@code value-invalid} and {@code secret-weak}: every present canonical variable against its
 * format. Blank values of required variables are left to {@code required-missing}.
 */
public final class FormatRule implements Rule {
    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        for (CanonicalVariable variable : CanonicalVariable.values()) {
            Optional<VariableValue> value = context.variables().get(variable.name());
            if (value.isEmpty()) {
                continue;
            }
            // A blank non-optional variable counts as unset: required-missing speaks for it where needed.
            if (value.get().isBlank() && variable.requirement() != Requirement.OPTIONAL) {
                continue;
            }
            variable.formatCheck().check(value.get().value(), context.environment(), context.variables())
                    .ifPresent(problem -> findings.accept(toFinding(variable, value.get(), problem, context)));
        }
    }

    private static Finding toFinding(CanonicalVariable variable, VariableValue value, FormatProblem problem,
                                     RuleContext context) {
        RuleId rule = problem.kind() == FormatProblem.Kind.WEAK ? RuleId.SECRET_WEAK : RuleId.VALUE_INVALID;
        return Finding.error(rule, variable.name() + " " + problem.message())
                .variable(variable.name())
                .environment(context.environment().orElse(null))
                .at(value.location())
                .build();
    }
}
