package org.sosops.env.core.hygiene;

import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.Location;

/**
 * One secret held by a variable: its whole value, or the password inside a URL value.
 *
 * <pre>{@code
 * for (SecretOccurrence s : SecretValues.of(variables)) {
 *     log.info("{} fingerprint {}", s.label(), s.secret().fingerprint(salt)); // DATABASE_URL#password …
 * }
 * }</pre>
 *
 * @param variable the variable's name
 * @param inUrl    true when the secret is the password inside the variable's URL
 * @param secret   the value, never shown
 * @param location where the variable was set, when known
 */
public record SecretOccurrence(String variable, boolean inUrl, Secret secret, Optional<Location> location) {
    public SecretOccurrence {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(location, "location");
    }

    /** {@code AUTH_SECRET}, or {@code DATABASE_URL#password} for a password inside a URL. */
    public String label() {
        return inUrl ? variable + "#password" : variable;
    }

    /** For messages: {@code AUTH_SECRET} or {@code the password in DATABASE_URL}. */
    public String describe() {
        return inUrl ? "the password in " + variable : variable;
    }
}
