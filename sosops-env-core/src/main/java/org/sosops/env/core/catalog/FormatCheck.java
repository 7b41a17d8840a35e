package org.sosops.env.core.catalog;

import java.util.Optional;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;

/** The format rule of one variable; {@code environment} is empty when APP_ENV is unusable. */
@FunctionalInterface
public interface FormatCheck {
    Optional<FormatProblem> check(String value, Optional<AppEnv> environment, Variables all);
}
