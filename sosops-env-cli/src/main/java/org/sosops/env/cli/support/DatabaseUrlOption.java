package org.sosops.env.cli.support;

import java.util.Optional;
import java.util.regex.Pattern;
import org.sosops.env.core.catalog.DatabaseUrl;
import picocli.CommandLine.Option;

/**
 * The {@code --database-url-env VAR} option (default {@code DATABASE_URL}): a command names the
 * environment variable that holds the database URL, never the URL itself, so the password stays
 * out of process listings, shell history and CI logs. Errors name the variable, never its value.
 *
 * <pre>{@code
 * @Mixin DatabaseUrlOption database;
 * DatabaseUrl url = database.required();          // exit 2 naming the variable when unset
 * Optional<DatabaseUrl> maybe = database.optional(); // only when --database-url-env was given
 * }</pre>
 *
 * A command that needs two databases declares its own options with distinct names and uses
 * {@link #resolve(String, String, boolean)}.
 */
public final class DatabaseUrlOption {
    /** The variable read when the option is not given. */
    public static final String DEFAULT_VARIABLE = "DATABASE_URL";

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Option(names = "--database-url-env", paramLabel = "VAR", arity = "0..1", fallbackValue = DEFAULT_VARIABLE,
            description = "The environment variable that holds the database URL (default: DATABASE_URL). "
                    + "The URL itself is never taken on the command line.")
    private String variable;

    /** The variable this command reads. */
    public String variable() {
        return variable != null ? variable : DEFAULT_VARIABLE;
    }

    /** Whether {@code --database-url-env} was given explicitly. */
    public boolean explicit() {
        return variable != null;
    }

    /**
     * The database URL from the named variable.
     *
     * @throws InputException naming the variable when it is unset, blank or not a PostgreSQL URL
     */
    public DatabaseUrl required() {
        return resolve("--database-url-env", variable(), true).orElseThrow();
    }

    /**
     * For commands where the database is an optional layer: empty unless {@code --database-url-env}
     * was given (alone it means {@code DATABASE_URL}), so a variable exported for another purpose
     * never points a command at a database by accident. Once asked for, an unset variable is an error.
     *
     * @throws InputException naming the variable when it was asked for but is unset or unusable
     */
    public Optional<DatabaseUrl> optional() {
        return explicit() ? resolve("--database-url-env", variable(), true) : Optional.empty();
    }

    /**
     * Reads and parses the URL held by {@code variable}.
     *
     * @param option   how the option is named in errors, e.g. {@code --from-database-url-env}
     * @param variable the environment variable's name
     * @param required whether an unset or blank variable is an error (else empty)
     * @throws InputException one line naming the variable (and why), never its value
     */
    public static Optional<DatabaseUrl> resolve(String option, String variable, boolean required) {
        if (variable == null || !VARIABLE_NAME.matcher(variable).matches()) {
            // The option takes a name; anything else may be a URL pasted by mistake: do not echo it.
            throw new InputException(option + " takes the name of an environment variable "
                    + "(e.g. DATABASE_URL), not a URL or other value");
        }
        String value = ProcessEnvironment.get(variable).orElse("");
        if (value.isBlank()) {
            if (required) {
                throw new InputException(variable + " is not set; export the database URL in " + variable
                        + " or name another variable with " + option);
            }
            return Optional.empty();
        }
        return Optional.of(DatabaseUrl.parse(value).orElseThrow(() -> new InputException(variable + " "
                + DatabaseUrl.problem(value).orElse("is not a PostgreSQL URL"))));
    }
}
