package org.sosops.env.core.rules.builtin;

import java.util.function.Consumer;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.Rule;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.VariableValue;

/** {@code app-env-invalid}: APP_ENV missing, or not exactly one of the four names. */
public final class AppEnvRule implements Rule {
    static final String NAME = "APP_ENV";

    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        VariableValue appEnv = context.variables().get(NAME).orElse(null);
        if (appEnv == null || appEnv.isBlank()) {
            findings.accept(Finding.error(RuleId.APP_ENV_INVALID,
                            "APP_ENV is missing; set it to one of local, dev, staging, prod")
                    .variable(NAME).environment(context.environment().orElse(null))
                    .at(appEnv == null ? java.util.Optional.empty() : appEnv.location()).build());
            return;
        }
        String raw = appEnv.value();
        if (AppEnv.parse(raw).isPresent()) {
            context.environment().filter(expected -> !expected.id().equals(raw)).ifPresent(expected ->
                    findings.accept(Finding.error(RuleId.APP_ENV_INVALID,
                                    "APP_ENV is " + raw + " but the environment being validated is " + expected.id())
                            .variable(NAME).environment(expected).at(appEnv.location()).build()));
            return;
        }
        // APP_ENV is not secret, so the offending value may be shown (cut short, printable only).
        String shown = printable(raw);
        String suggestion = AppEnv.closestTo(raw).map(e -> "; did you mean " + e.id() + "?")
                .orElse("; use one of local, dev, staging, prod");
        findings.accept(Finding.error(RuleId.APP_ENV_INVALID, "APP_ENV '" + shown + "' is not canonical" + suggestion)
                .variable(NAME).environment(context.environment().orElse(null)).at(appEnv.location()).build());
    }

    private static String printable(String raw) {
        String cleaned = raw.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 32 ? cleaned.substring(0, 32) + "…" : cleaned;
    }
}
