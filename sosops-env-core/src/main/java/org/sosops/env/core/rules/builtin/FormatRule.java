package org.sosops.env.core.rules.builtin;

import java.util.Optional;
import java.util.function.Consumer;
import org.sosops.env.core.catalog.CatalogVariable;
import org.sosops.env.core.catalog.FormatProblem;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.Rule;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.VariableValue;

/**
 * {@code value-invalid} and {@code secret-weak}: every present variable of the catalog (canonical
 * or the host's, used provider or not: a value that is set is checked) against its format. Blank
 * values of variables required somewhere are left to {@code required-missing}.
 */
public final class FormatRule implements Rule {
    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        for (CatalogVariable variable : context.catalog().variables()) {
            Optional<VariableValue> value = context.variables().get(variable.name());
            if (value.isEmpty()) {
                continue;
            }
            // A blank non-optional variable counts as unset: required-missing speaks for it where needed.
            if (value.get().isBlank() && !variable.isOptional()) {
                continue;
            }
            variable.check().check(value.get().value(), context.environment(), context.variables())
                    .ifPresent(problem -> findings.accept(toFinding(variable, value.get(), problem, context)));
        }
    }

    private static Finding toFinding(CatalogVariable variable, VariableValue value, FormatProblem problem,
                                     RuleContext context) {
        RuleId rule = problem.kind() == FormatProblem.Kind.WEAK ? RuleId.SECRET_WEAK : RuleId.VALUE_INVALID;
        return Finding.error(rule, variable.name() + " " + problem.message())
                .variable(variable.name())
                .environment(context.environment().orElse(null))
                .at(value.location())
                .build();
    }
}
