package org.sosops.env.flags.entitlements;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.overrides.InvalidOverridesException;
import org.sosops.env.flags.overrides.Overrides;
import org.sosops.env.flags.value.Entitlements;
import org.sosops.env.flags.value.Source;

/**
 * Merges an organization's entitlements from its layers (docs/flags.md): the declared defaults (the
 * base plan), the database (the organization's stored plan), the environment override, then the
 * organization override. {@code seat_limit} is replaced by the higher layer, {@code features} are
 * added (union), {@code usage_caps} are replaced key by key. Thread-safe.
 *
 * <pre>{@code
 * EntitlementResolver entitlements = EntitlementResolver.builder()
 *         .environment(AppEnv.STAGING)
 *         .overrides(variables)                              // ENTITLEMENT_*_OVERRIDES_JSON
 *         .defaults(Entitlements.of(5, Set.of(), Map.of("sms_per_month", 1000L)))
 *         .database(org -> plans.find(org))                   // optional
 *         .build();
 * ResolvedEntitlements e = entitlements.resolve("org_123");
 * }</pre>
 */
public final class EntitlementResolver {
    private final AppEnv environment;
    private final Overrides overrides;
    private final Entitlements defaults;
    private final EntitlementSource database;

    private EntitlementResolver(Builder builder) {
        this.environment = builder.environment;
        this.overrides = builder.overrides;
        this.defaults = builder.defaults;
        this.database = builder.database;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The organization's effective entitlements. */
    public ResolvedEntitlements resolve(String organizationId) {
        Objects.requireNonNull(organizationId, "organizationId");
        return merge(Optional.of(organizationId));
    }

    /** The environment-level entitlements (defaults and environment override). */
    public ResolvedEntitlements resolve() {
        return merge(Optional.empty());
    }

    /** The billing readiness view of one organization. */
    public BillingReadiness billingReadiness(String organizationId) {
        ResolvedEntitlements resolved = resolve(organizationId);
        List<BillingReadiness.Check> checks = new ArrayList<>();
        OptionalLong seats = resolved.seatLimit();
        checks.add(new BillingReadiness.Check("seat_limit", seats.isPresent() && seats.getAsLong() > 0,
                seats.isEmpty() ? "no layer sets seat_limit"
                        : seats.getAsLong() == 0 ? "seat_limit is 0: nobody can be seated"
                        : "seat_limit " + seats.getAsLong() + " from " + resolved.seatLimitSource().orElseThrow()));
        boolean ownPlan = resolved.sources().values().stream().anyMatch(s -> s == Source.ORG || s == Source.DB);
        checks.add(new BillingReadiness.Check("organization_plan", ownPlan, ownPlan
                ? "the organization has entitlements of its own (org override or database)"
                : "only environment-wide values and defaults apply; nothing is specific to " + organizationId));
        checks.add(new BillingReadiness.Check("usage_caps", !resolved.usageCaps().isEmpty(),
                resolved.usageCaps().isEmpty() ? "no usage cap: metered usage is unbounded"
                        : resolved.usageCaps().size() + " usage cap(s) set"));
        return new BillingReadiness(resolved, checks);
    }

    private ResolvedEntitlements merge(Optional<String> organizationId) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer(defaults, Source.DEFAULT));
        if (organizationId.isPresent() && database != null) {
            database.forOrganization(organizationId.get()).ifPresent(db -> layers.add(new Layer(db, Source.DB)));
        }
        layers.add(new Layer(overrides.envEntitlements(), Source.ENV));
        organizationId.flatMap(overrides::orgEntitlements).ifPresent(org -> layers.add(new Layer(org, Source.ORG)));

        OptionalLong seatLimit = OptionalLong.empty();
        Optional<Source> seatSource = Optional.empty();
        Map<String, Source> features = new HashMap<>();
        Map<String, Long> caps = new HashMap<>();
        Map<String, Source> capSources = new HashMap<>();
        for (Layer layer : layers) { // lowest precedence first: later layers win
            if (layer.entitlements.seatLimit().isPresent()) {
                seatLimit = layer.entitlements.seatLimit();
                seatSource = Optional.of(layer.source);
            }
            layer.entitlements.features().forEach(feature -> features.put(feature, layer.source));
            layer.entitlements.usageCaps().forEach((cap, value) -> {
                caps.put(cap, value);
                capSources.put(cap, layer.source);
            });
        }
        return new ResolvedEntitlements(organizationId, environment.id(), seatLimit, seatSource, features, caps,
                capSources);
    }

    private record Layer(Entitlements entitlements, Source source) {
    }

    /** Configures an {@link EntitlementResolver}. */
    public static final class Builder {
        private AppEnv environment;
        private Overrides overrides = Overrides.none();
        private Entitlements defaults = Entitlements.none();
        private EntitlementSource database;

        private Builder() {
        }

        public Builder environment(AppEnv environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        public Builder overrides(Overrides overrides) {
            this.overrides = Objects.requireNonNull(overrides, "overrides");
            return this;
        }

        /**
         * Reads the override variables, and the environment from {@code APP_ENV} unless set.
         *
         * @throws InvalidOverridesException when an override does not parse (fail closed)
         */
        public Builder overrides(Variables variables) {
            this.overrides = Overrides.fromVariables(variables);
            if (environment == null) {
                variables.value("APP_ENV").flatMap(AppEnv::parse).ifPresent(env -> this.environment = env);
            }
            return this;
        }

        /** The base plan: the lowest layer. */
        public Builder defaults(Entitlements defaults) {
            this.defaults = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /** The organization's stored plan: between the defaults and the environment override. */
        public Builder database(EntitlementSource database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        public EntitlementResolver build() {
            if (environment == null) {
                throw new IllegalStateException(
                        "EntitlementResolver needs environment(...) or an APP_ENV in overrides(variables)");
            }
            return new EntitlementResolver(this);
        }
    }
}
