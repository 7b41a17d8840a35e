package org.sosops.env.core.dotenv;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code .env} file that cannot be used: unreadable, not UTF-8, or with malformed or duplicate
 * lines. The message names every problem with file and line and never quotes a value.
 */
public final class DotEnvException extends RuntimeException {
    private final List<DotEnvProblem> problems;

    public DotEnvException(List<DotEnvProblem> problems) {
        super(problems.stream().map(DotEnvProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<DotEnvProblem> problems() {
        return problems;
    }

    /** The first problem and how many more there are, for a one-line error. */
    public String summary() {
        String first = problems.get(0).toString();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
    }
}
