package org.sosops.env.cli.flags;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sosops.env.cli.support.EnvironmentNames;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.overrides.InvalidOverridesException;
import org.sosops.env.flags.overrides.OverrideProblem;
import org.sosops.env.flags.overrides.Overrides;
import picocli.CommandLine.Option;

/**
 * The options both resolve commands share: where the variables come from and which environment
 * they describe. Bad override JSON becomes a one-line input error naming variable and position.
 */
final class OverrideInputs {
    @Option(names = "--org", paramLabel = "ID", required = true, description = "The organization id.")
    String organization;

    @Option(names = "--env-file", paramLabel = "FILE", arity = "1..*",
            description = "A .env file; repeat or list several, later files win; then the process environment.")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME",
            description = "The environment (default: APP_ENV of the variables).")
    String environment;

    Variables variables() {
        return EnvironmentPolicy.loader().envFiles(envFiles).ignoreProcessSettings().variables();
    }

    Overrides overrides(Variables variables) {
        try {
            return Overrides.fromVariables(variables);
        } catch (InvalidOverridesException e) {
            OverrideProblem first = e.problems().get(0);
            String more = e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more)" : "";
            throw new InputException(first.location().map(l -> l + ": ").orElse("") + first.message() + more);
        }
    }

    AppEnv environment(Variables variables) {
        String name = environment != null ? environment : variables.value("APP_ENV").orElse(null);
        String what = environment != null ? "--env '" + environment + "'" : "APP_ENV";
        if (name == null) {
            throw new InputException("APP_ENV is not set; give --env-file with APP_ENV or --env NAME");
        }
        return EnvironmentNames.parse(what, name);
    }
}
