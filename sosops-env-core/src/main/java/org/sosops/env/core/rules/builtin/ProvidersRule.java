package org.sosops.env.core.rules.builtin;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.sosops.env.core.catalog.Provider;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.Rule;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.VariableValue;

/**
 * {@code value-invalid} for the provider list: {@code SOSOPS_PROVIDERS} names only known providers,
 * and when it names the e-mail provider, {@code EMAIL_PROVIDER} is that one.
 */
public final class ProvidersRule implements Rule {
    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        Optional<VariableValue> setting = context.variables().get(Provider.SETTING).filter(v -> !v.isBlank());
        if (setting.isPresent()) {
            try {
                Provider.parseList(setting.get().value());
            } catch (IllegalArgumentException e) {
                findings.accept(Finding.error(RuleId.VALUE_INVALID, Provider.SETTING + ": " + e.getMessage()
                                + "; until it is fixed every provider's variables are required")
                        .variable(Provider.SETTING).environment(context.environment().orElse(null))
                        .at(setting.get().location()).build());
                return;
            }
        }
        if (!context.catalog().providersDeclared()) {
            return;
        }
        Set<Provider> used = context.catalog().providers();
        context.variables().get("EMAIL_PROVIDER").filter(v -> !v.isBlank()).ifPresent(email ->
                Provider.fromId(email.value()).filter(Provider.EMAIL::contains).ifPresent(named -> {
                    if (context.catalog().sendsEmail() && !used.contains(named)) {
                        findings.accept(Finding.error(RuleId.VALUE_INVALID, "EMAIL_PROVIDER is " + named.id()
                                        + " but the host's providers (" + Provider.SETTING + ") are " + used
                                        + "; make them agree")
                                .variable("EMAIL_PROVIDER").environment(context.environment().orElse(null))
                                .at(email.location()).build());
                    }
                }));
    }
}
