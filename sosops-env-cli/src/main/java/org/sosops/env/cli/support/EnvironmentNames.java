package org.sosops.env.cli.support;

import java.nio.file.Path;
import java.util.Optional;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.register.ExceptionRegister;

/** Environment names and the exception register as commands take them from the command line. */
public final class EnvironmentNames {

    private EnvironmentNames() {
    }

    /**
     * Parses a canonical environment name.
     *
     * @param what how the message names the input, e.g. {@code --env 'production'} or {@code APP_ENV}
     * @throws InputException naming the closest environment, for a name that is not canonical
     */
    public static AppEnv parse(String what, String name) {
        return AppEnv.parse(name).orElseThrow(() -> new InputException(what + " is not an environment"
                + AppEnv.closestTo(name).map(e -> "; did you mean " + e.id() + "?")
                .orElse("; use local, dev, staging or prod")));
    }

    /** {@code --env NAME}: the environment named by the option. */
    public static AppEnv parseOption(String name) {
        return parse("--env '" + name + "'", name);
    }

    /**
     * The named register, else the file of {@code SOSOPS_RISKS_DECISIONS_FILE}, else
     * {@code master_build/RISKS_DECISIONS.md}, else {@code ./RISKS_DECISIONS.md}, when one exists.
     */
    public static Optional<Path> register(Path named) {
        return ExceptionRegister.locate(Optional.ofNullable(named));
    }
}
