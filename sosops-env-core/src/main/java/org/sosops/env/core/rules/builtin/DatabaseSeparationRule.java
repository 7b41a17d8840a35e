package org.sosops.env.core.rules.builtin;

import java.util.Optional;
import java.util.function.Consumer;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.Rule;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.VariableValue;

/**
 * {@code database-separation}: each environment has its own database, named {@code sos_ops_<env>},
 * and staging and prod never point at a database on the local machine.
 */
public final class DatabaseSeparationRule implements Rule {
    private static final String NAME = "DATABASE_URL";

    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        if (context.environment().isEmpty()) {
            return;
        }
        AppEnv env = context.environment().get();
        Optional<VariableValue> value = context.variables().get(NAME).filter(v -> !v.isBlank());
        Optional<DatabaseUrl> url = value.flatMap(v -> DatabaseUrl.parse(v.value()));
        if (url.isEmpty()) {
            return;
        }
        String expected = "sos_ops_" + env.id();
        if (!url.get().database().equals(expected)) {
            findings.accept(Finding.error(RuleId.DATABASE_SEPARATION,
                            "DATABASE_URL names database '" + url.get().database() + "'; in " + env.id()
                                    + " it must be '" + expected + "'")
                    .variable(NAME).environment(env).at(value.get().location()).build());
        }
        if ((env == AppEnv.STAGING || env == AppEnv.PROD) && url.get().isLocalHost()) {
            findings.accept(Finding.error(RuleId.DATABASE_SEPARATION,
                            "DATABASE_URL points at a local host ('" + displayHost(url.get()) + "'); "
                                    + env.id() + " needs its own database server")
                    .variable(NAME).environment(env).at(value.get().location()).build());
        }
    }

    private static String displayHost(DatabaseUrl url) {
        return url.host().isEmpty() ? "(none: the local socket)" : url.host();
    }
}
