package org.sosops.env.cli.support;

import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where commands read named environment variables ({@code --database-url-env VAR},
 * {@code --secret-env VAR}, ...). The process environment by default; tests swap in a map so they
 * can plant values without starting a process.
 *
 * <pre>{@code
 * Optional<String> url = ProcessEnvironment.get("DATABASE_URL");
 * }</pre>
 */
public final class ProcessEnvironment {
    private static volatile UnaryOperator<String> lookup = System::getenv;

    private ProcessEnvironment() {
    }

    /** The value of {@code name}, empty when unset. */
    public static Optional<String> get(String name) {
        return Optional.ofNullable(lookup.apply(name));
    }

    /**
     * Replaces the lookup (tests only); returns the previous one so a test can put it back.
     * Commands run one at a time in tests, so one static seam is enough.
     */
    public static UnaryOperator<String> replace(UnaryOperator<String> replacement) {
        UnaryOperator<String> previous = lookup;
        lookup = Objects.requireNonNull(replacement);
        return previous;
    }
}
