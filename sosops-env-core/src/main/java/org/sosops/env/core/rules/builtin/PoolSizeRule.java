package org.sosops.env.core.rules.builtin;

import java.util.Optional;
import java.util.function.Consumer;
import org.sosops.env.core.jdbc.PooledDataSources;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.Rule;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.VariableValue;

/**
 * {@code value-invalid} for {@value PooledDataSources#POOL_SIZE_VARIABLE}: the components that
 * build a pool from {@code DATABASE_URL} refuse to start on a malformed size, so {@code check}
 * says so first, with the same one-line message.
 */
public final class PoolSizeRule implements Rule {
    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        Optional<VariableValue> value = context.variables().get(PooledDataSources.POOL_SIZE_VARIABLE);
        if (value.isEmpty()) {
            return;
        }
        try {
            PooledDataSources.poolSize(Optional.of(value.get().value()));
        } catch (IllegalArgumentException e) {
            findings.accept(Finding.error(RuleId.VALUE_INVALID, e.getMessage())
                    .variable(PooledDataSources.POOL_SIZE_VARIABLE)
                    .environment(context.environment().orElse(null))
                    .at(value.get().location())
                    .build());
        }
    }
}
