package org.sosops.env.core.catalog;

import java.util.EnumSet;
import java.util.Set;
import org.sosops.env.core.env.AppEnv;

/** In which environments a canonical variable must be set. */
public enum Requirement {
    ALL(EnumSet.allOf(AppEnv.class), "all"),
    DEPLOYED(EnumSet.of(AppEnv.DEV, AppEnv.STAGING, AppEnv.PROD), "dev, staging, prod"),
    STAGING_AND_PROD(EnumSet.of(AppEnv.STAGING, AppEnv.PROD), "staging, prod"),
    OPTIONAL(EnumSet.noneOf(AppEnv.class), "optional");

    private final Set<AppEnv> environments;
    private final String label;

    Requirement(Set<AppEnv> environments, String label) {
        this.environments = environments;
        this.label = label;
    }

    public boolean requiredIn(AppEnv env) {
        return environments.contains(env);
    }

    /** How the contract's table says it: {@code all}, {@code dev, staging, prod}, {@code optional}. */
    public String label() {
        return label;
    }
}
