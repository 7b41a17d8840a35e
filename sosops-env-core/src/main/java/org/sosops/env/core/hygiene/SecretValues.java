package org.sosops.env.core.hygiene;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;

/**
 * The secrets an environment holds: every non-blank secret variable (a URL counts only by its
 * password, so two URLs that differ in host but share a password share a secret), plus the
 * password of any other variable's URL.
 *
 * <pre>{@code
 * for (SecretOccurrence s : SecretValues.of(variables)) { ... s.secret().fingerprint(salt) ... }
 * }</pre>
 */
public final class SecretValues {
    private SecretValues() {
    }

    /** Secrets as {@link Catalog#defaults()} declares them. */
    public static List<SecretOccurrence> of(Variables variables) {
        return of(variables, Catalog.defaults());
    }

    public static List<SecretOccurrence> of(Variables variables, Catalog catalog) {
        List<SecretOccurrence> found = new ArrayList<>();
        for (VariableValue v : variables.asMap().values()) {
            of(v, catalog).ifPresent(found::add);
        }
        return found;
    }

    public static Optional<SecretOccurrence> of(VariableValue v) {
        return of(v, Catalog.defaults());
    }

    public static Optional<SecretOccurrence> of(VariableValue v, Catalog catalog) {
        if (v.isBlank() || v.name().startsWith("SOSOPS_")) {
            return Optional.empty();
        }
        String value = v.value().strip();
        if (UrlCredentials.isUrl(value)) {
            return UrlCredentials.password(value).map(p -> new SecretOccurrence(v.name(), true, p, v.location()));
        }
        if (SecretNames.isSecret(v.name(), catalog)) {
            return Optional.of(new SecretOccurrence(v.name(), false, Secret.of(value), v.location()));
        }
        return Optional.empty();
    }
}
