package org.sosops.env.core.rules.builtin;

import java.util.function.Consumer;
import org.sosops.env.core.catalog.CatalogVariable;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.Rule;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.VariableValue;

/**
 * {@code required-missing}: a variable of the catalog, required in this environment and belonging
 * to no provider or to one the host uses, is absent or blank.
 */
public final class RequiredVariablesRule implements Rule {
    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        if (context.environment().isEmpty()) {
            return;
        }
        AppEnv env = context.environment().get();
        for (CatalogVariable variable : context.catalog().variables()) {
            if (variable.name().equals("APP_ENV") || !context.catalog().requiredIn(variable, env)) {
                continue;
            }
            VariableValue value = context.variables().get(variable.name()).orElse(null);
            if (value == null || value.isBlank()) {
                String what = value == null ? " is missing" : " is blank";
                findings.accept(Finding.error(RuleId.REQUIRED_MISSING,
                                variable.name() + what + "; it is required in " + env.id() + " (" + variable.format() + ")")
                        .variable(variable.name()).environment(env)
                        .at(value == null ? java.util.Optional.empty() : value.location()).build());
            }
        }
    }
}
