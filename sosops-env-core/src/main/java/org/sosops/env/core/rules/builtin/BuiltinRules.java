package org.sosops.env.core.rules.builtin;

import java.util.List;
import org.sosops.env.core.rules.Rule;

/** The rules the core itself delivers, in the order their findings are reported. */
public final class BuiltinRules {
    private BuiltinRules() {
    }

    public static List<Rule> all() {
        return List.of(new AppEnvRule(), new ProvidersRule(), new RequiredVariablesRule(), new FormatRule(),
                new DatabaseSeparationRule(), new TwilioSigningSecretRule(), new PoolSizeRule());
    }
}
