package org.sosops.env.core.catalog;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.SecretStrength;

/**
 * One variable of a {@link Catalog}: a canonical one, or one a host declares for itself. It joins
 * every check: {@code required-missing}, its format ({@code value-invalid}, {@code secret-weak}),
 * and when secret the {@code Secret} typing, {@code secret-shared}, {@code example-secret} and the
 * fingerprints; when marked as an identity, {@code identity-shared}.
 *
 * <pre>{@code
 * CatalogVariable stripe = CatalogVariable.builder("STRIPE_SECRET_KEY")
 *         .secret()
 *         .requiredIn(AppEnv.STAGING, AppEnv.PROD)
 *         .pattern("sk_live_ or sk_test_ key", "sk_(live|test)_[A-Za-z0-9]{24,}")
 *         .build();
 * }</pre>
 *
 * @param requiredIn the environments where missing or blank is {@code required-missing}
 * @param format     the format as people read it, for reports and documentation
 * @param providers  the providers it belongs to; empty when every host that declares it needs it
 * @param identity   a non-secret value that must differ between environments ({@code identity-shared})
 * @param canonical  the canonical variable it is, when it is one
 */
public record CatalogVariable(
        String name,
        boolean secret,
        Set<AppEnv> requiredIn,
        String format,
        FormatCheck check,
        Set<Provider> providers,
        boolean identity,
        Optional<CanonicalVariable> canonical) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    public CatalogVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(canonical, "canonical");
        requiredIn = requiredIn.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(requiredIn));
        providers = providers.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(providers));
    }

    /** The catalog entry of a canonical variable. */
    public static CatalogVariable of(CanonicalVariable variable) {
        Set<AppEnv> required = EnumSet.noneOf(AppEnv.class);
        for (AppEnv env : AppEnv.values()) {
            if (variable.requiredIn(env)) {
                required.add(env);
            }
        }
        return new CatalogVariable(variable.name(), variable.isSecret(), required, variable.format(),
                variable.formatCheck(), variable.providers(), false, Optional.of(variable));
    }

    /**
     * Starts a host variable.
     *
     * @throws IllegalArgumentException when the name is not an upper-case variable name, or is a
     *                                  canonical name or a library setting ({@code SOSOPS_…})
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public boolean requiredIn(AppEnv env) {
        return requiredIn.contains(env);
    }

    public boolean isOptional() {
        return requiredIn.isEmpty();
    }

    /** Fluent builder of a host variable; optional, not secret and free-form unless told otherwise. */
    public static final class Builder {
        private final String name;
        private boolean secret;
        private Set<AppEnv> requiredIn = EnumSet.noneOf(AppEnv.class);
        private String format;
        private FormatCheck check;
        private Set<Provider> providers = EnumSet.noneOf(Provider.class);
        private boolean identity;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a variable name (upper case, digits, _)");
            }
            if (CanonicalVariable.byName(name).isPresent()) {
                throw new IllegalArgumentException(name + " is a canonical variable; the catalog already declares it");
            }
            if (name.startsWith("SOSOPS_")) {
                throw new IllegalArgumentException(name + ": SOSOPS_ names are the library's own settings");
            }
            this.name = name;
        }

        /** A secret: never printed, read as {@code Secret}, compared across environments by fingerprint. */
        public Builder secret() {
            this.secret = true;
            return this;
        }

        public Builder requiredIn(AppEnv... environments) {
            this.requiredIn = environments.length == 0 ? EnumSet.noneOf(AppEnv.class)
                    : EnumSet.copyOf(Arrays.asList(environments));
            return this;
        }

        /** Required in dev, staging and prod; optional in local. */
        public Builder requiredWhenDeployed() {
            return requiredIn(AppEnv.DEV, AppEnv.STAGING, AppEnv.PROD);
        }

        public Builder requiredEverywhere() {
            return requiredIn(AppEnv.values());
        }

        /** The value must match {@code regex} as a whole; {@code description} is what reports say. */
        public Builder pattern(String description, String regex) {
            Pattern compiled = Pattern.compile(regex);
            return check(description, (value, env, all) -> compiled.matcher(value.strip()).matches()
                    ? Optional.empty() : Optional.of(FormatProblem.invalid("must be " + description)));
        }

        /** Any check; its messages complete a sentence starting with the name and never quote the value. */
        public Builder check(String description, FormatCheck check) {
            this.format = Objects.requireNonNull(description, "description");
            this.check = Objects.requireNonNull(check, "check");
            return this;
        }

        /** Needed only by hosts that use one of these providers. */
        public Builder provider(Provider... belongsTo) {
            this.providers = belongsTo.length == 0 ? EnumSet.noneOf(Provider.class)
                    : EnumSet.copyOf(Arrays.asList(belongsTo));
            return this;
        }

        /** A non-secret value that names this environment's own resource and must not be shared. */
        public Builder identity() {
            this.identity = true;
            return this;
        }

        public CatalogVariable build() {
            FormatCheck own = check != null ? check : (value, env, all) -> Optional.empty();
            // A secret is never a placeholder, whatever else its format says.
            FormatCheck effective = !secret ? own : (value, env, all) -> {
                if (value.isBlank()) {
                    return Optional.of(FormatProblem.invalid("must not be empty when set"));
                }
                if (SecretStrength.isPlaceholder(value)) {
                    return Optional.of(FormatProblem.weak("is a placeholder, not a real secret"));
                }
                return own.check(value, env, all);
            };
            String shown = format != null ? format : secret ? "non-empty secret" : "free-form";
            return new CatalogVariable(name, secret, requiredIn, shown, effective, providers, identity && !secret,
                    Optional.empty());
        }
    }
}
