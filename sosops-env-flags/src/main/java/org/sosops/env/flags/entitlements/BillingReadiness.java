package org.sosops.env.flags.entitlements;

import java.util.List;
import java.util.Objects;

/**
 * Whether an organization's entitlements are ready for billing: a positive seat limit, a plan of
 * its own (organization override or database, not only environment-wide values) and bounded
 * metered usage. Each check says what it found.
 *
 * <pre>{@code
 * BillingReadiness readiness = entitlements.billingReadiness("org_123");
 * readiness.checks().stream().filter(c -> !c.ok()).forEach(c -> log.warn("{}: {}", c.name(), c.detail()));
 * }</pre>
 */
public record BillingReadiness(ResolvedEntitlements entitlements, List<Check> checks) {
    public BillingReadiness {
        Objects.requireNonNull(entitlements, "entitlements");
        checks = List.copyOf(checks);
    }

    public boolean ready() {
        return checks.stream().allMatch(Check::ok);
    }

    /** One readiness check: a stable name, its verdict and a sentence on what was found. */
    public record Check(String name, boolean ok, String detail) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
