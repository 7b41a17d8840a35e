package org.sosops.env.flags.entitlements;

import java.util.Optional;
import org.sosops.env.flags.value.Entitlements;

/**
 * The database layer of entitlements: an organization's stored plan, from wherever the host keeps
 * it (its billing tables, typically).
 *
 * <pre>{@code
 * EntitlementSource plans = org -> planRepository.find(org).map(Plan::toEntitlements);
 * }</pre>
 */
@FunctionalInterface
public interface EntitlementSource {
    Optional<Entitlements> forOrganization(String organizationId);
}
