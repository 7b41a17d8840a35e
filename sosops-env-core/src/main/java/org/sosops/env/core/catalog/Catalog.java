package org.sosops.env.core.catalog;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;

/**
 * The variables one host is checked against: the canonical list, narrowed to the providers the
 * host uses, plus the host's own variables. Immutable and thread-safe.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.builder()
 *         .providers("twilio,sendgrid")                 // no Upstash, no Blob: their variables are not required
 *         .variable(CatalogVariable.builder("STRIPE_SECRET_KEY").secret().requiredIn(AppEnv.PROD).build())
 *         .discover(getClass().getClassLoader())        // VariableContribution services
 *         .build();
 * }</pre>
 *
 * <p>Without a provider list every provider counts as used: the canonical list is the default.
 */
public final class Catalog {
    private static final Catalog CANONICAL = new Builder().build();
    /**
     * {@link #defaults()} per class loader, holding neither the loader nor its classes: a catalog
     * with a contribution of the loader's own holds that contribution's classes (its format checks),
     * and through them the loader, so it is held here weakly and kept alive by the contribution's
     * class instead ({@link #HELD_BY_CONTRIBUTION}). It then lives exactly as long as the loader, and
     * a redeployed web application's loader can be collected while the core stays loaded above it.
     */
    private static final Map<ClassLoader, Supplier<Catalog>> DEFAULTS = new WeakHashMap<>();
    private static final ClassValue<AtomicReference<Catalog>> HELD_BY_CONTRIBUTION = new ClassValue<>() {
        @Override
        protected AtomicReference<Catalog> computeValue(Class<?> contribution) {
            return new AtomicReference<>();
        }
    };

    private final Map<String, CatalogVariable> variables;
    private final Optional<Set<Provider>> declaredProviders;

    private Catalog(Map<String, CatalogVariable> variables, Optional<Set<Provider>> declaredProviders) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        this.declaredProviders = declaredProviders;
    }

    /** The canonical variables only, every provider used. */
    public static Catalog canonical() {
        return CANONICAL;
    }

    /**
     * The canonical variables plus every {@link VariableContribution} the context class loader (or
     * the core's) sees, every provider used. Cached per class loader.
     */
    public static Catalog defaults() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : Catalog.class.getClassLoader();
        synchronized (DEFAULTS) {
            Supplier<Catalog> cached = DEFAULTS.get(loader);
            Catalog catalog = cached == null ? null : cached.get();
            return catalog != null ? catalog : discoverAndCache(loader);
        }
    }

    private static Catalog discoverAndCache(ClassLoader loader) {
        Builder builder = builder().discover(loader);
        Catalog catalog = builder.build();
        Optional<Class<?>> ownContribution = builder.contributions.stream()
                .filter(type -> type.getClassLoader() == loader).findFirst();
        if (ownContribution.isPresent()) {
            HELD_BY_CONTRIBUTION.get(ownContribution.get()).set(catalog);
            WeakReference<Catalog> weak = new WeakReference<>(catalog);
            DEFAULTS.put(loader, weak::get);
        } else {
            DEFAULTS.put(loader, () -> catalog);
        }
        return catalog;
    }

    /**
     * {@link #defaults()} narrowed to the providers of {@value Provider#SETTING} in {@code variables}
     * when that setting is well-formed (a malformed one keeps every provider, and the
     * {@code value-invalid} finding says why).
     */
    public static Catalog forVariables(Variables variables) {
        Optional<String> setting = variables.value(Provider.SETTING);
        if (setting.isEmpty()) {
            return defaults();
        }
        try {
            return defaults().withProviders(Provider.parseList(setting.get()));
        } catch (IllegalArgumentException e) {
            return defaults();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy that uses exactly these providers. */
    public Catalog withProviders(Collection<Provider> providers) {
        return new Catalog(variables, Optional.of(Collections.unmodifiableSet(copy(providers))));
    }

    /** Every variable the catalog knows, canonical ones first, whether or not its provider is used. */
    public List<CatalogVariable> variables() {
        return List.copyOf(variables.values());
    }

    /** The host's own variables. */
    public List<CatalogVariable> hostVariables() {
        return variables.values().stream().filter(v -> v.canonical().isEmpty()).toList();
    }

    public Optional<CatalogVariable> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** Whether the catalog declares {@code name}, and as a secret or not; empty for unknown names. */
    public Optional<Boolean> declaresSecret(String name) {
        return variable(name).map(CatalogVariable::secret);
    }

    /** The providers the host uses: the declared ones, else all. */
    public Set<Provider> providers() {
        return declaredProviders.orElseGet(() -> EnumSet.allOf(Provider.class));
    }

    /** True when the host named its providers (rather than taking every one by default). */
    public boolean providersDeclared() {
        return declaredProviders.isPresent();
    }

    public boolean uses(Provider provider) {
        return providers().contains(provider);
    }

    /** True when the host uses at least one e-mail provider. */
    public boolean sendsEmail() {
        return providers().stream().anyMatch(Provider.EMAIL::contains);
    }

    /** True when the variable concerns this host: it belongs to no provider or to a used one. */
    public boolean inUse(CatalogVariable variable) {
        return variable.providers().isEmpty() || variable.providers().stream().anyMatch(this::uses);
    }

    /** Required here: in use by this host and required in {@code env}. */
    public boolean requiredIn(CatalogVariable variable, AppEnv env) {
        return inUse(variable) && variable.requiredIn(env);
    }

    /** The host's identity variables (the canonical ones are fixed by {@code identity-shared} itself). */
    public List<String> hostIdentities() {
        return hostVariables().stream().filter(CatalogVariable::identity).map(CatalogVariable::name).toList();
    }

    @Override
    public String toString() {
        return "Catalog[" + variables.size() + " variables, providers " + providers() + "]";
    }

    private static Set<Provider> copy(Collection<Provider> providers) {
        return providers.isEmpty() ? EnumSet.noneOf(Provider.class) : EnumSet.copyOf(providers);
    }

    /** Builds a catalog: canonical variables first, then the host's, each name once. */
    public static final class Builder {
        private final Map<String, CatalogVariable> variables = new LinkedHashMap<>();
        /** The classes of the contributions {@link #discover} found, to tie a cached catalog to its loader. */
        private final List<Class<?>> contributions = new ArrayList<>();
        private Set<Provider> providers;

        private Builder() {
            for (CanonicalVariable canonical : CanonicalVariable.values()) {
                variables.put(canonical.name(), CatalogVariable.of(canonical));
            }
        }

        /** The providers the host uses; the others' variables are not required. */
        public Builder providers(Collection<Provider> used) {
            this.providers = copy(used);
            return this;
        }

        public Builder providers(Provider... used) {
            return providers(List.of(used));
        }

        /**
         * A list as {@value Provider#SETTING} takes it, e.g. {@code twilio,sendgrid}.
         *
         * @throws IllegalArgumentException naming the unknown provider
         */
        public Builder providers(String list) {
            try {
                return providers(Provider.parseList(list));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Provider.SETTING + ": " + e.getMessage(), e);
            }
        }

        /**
         * Adds a host variable.
         *
         * @throws IllegalArgumentException when the catalog already has a variable of that name
         */
        public Builder variable(CatalogVariable variable) {
            Objects.requireNonNull(variable, "variable");
            if (variables.containsKey(variable.name())) {
                throw new CatalogException(variable.name() + " is declared twice in the catalog");
            }
            variables.put(variable.name(), variable);
            return this;
        }

        public Builder variables(Collection<CatalogVariable> more) {
            more.forEach(this::variable);
            return this;
        }

        /** Adds the variables of every {@link VariableContribution} that {@code loader} sees. */
        public Builder discover(ClassLoader loader) {
            Map<String, String> declaredBy = new LinkedHashMap<>();
            for (VariableContribution contribution : ServiceLoader.load(VariableContribution.class,
                    loader == null ? Catalog.class.getClassLoader() : loader)) {
                contributions.add(contribution.getClass());
                String source = contribution.getClass().getName();
                for (CatalogVariable variable : contribution.variables()) {
                    // The same declaration seen twice (two loaders, two jars) is one declaration, not a conflict.
                    CatalogVariable known = variables.get(variable.name());
                    boolean same = known != null && known.canonical().isEmpty() && known.secret() == variable.secret()
                            && known.requiredIn().equals(variable.requiredIn()) && known.format().equals(variable.format());
                    if (same) {
                        continue;
                    }
                    if (known != null) {
                        throw new CatalogException(variable.name() + " is declared by " + source
                                + (declaredBy.containsKey(variable.name()) ? " and differently by " + declaredBy.get(variable.name())
                                : known.canonical().isPresent() ? ", but it is a canonical variable" : " and by the host"));
                    }
                    variable(variable);
                    declaredBy.put(variable.name(), source);
                }
            }
            return this;
        }

        public Catalog build() {
            return new Catalog(variables, Optional.ofNullable(providers).map(Collections::unmodifiableSet));
        }
    }
}
