package org.sosops.env.flags.overrides;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a resolver is asked to build from override variables that do not parse: resolvers
 * fail closed. The message names every variable and JSON position.
 */
public final class InvalidOverridesException extends IllegalArgumentException {
    private final transient List<OverrideProblem> problems;

    public InvalidOverridesException(List<OverrideProblem> problems) {
        super(problems.stream().map(OverrideProblem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<OverrideProblem> problems() {
        return problems;
    }
}
