package org.sosops.env.core.catalog;

import java.util.List;

/**
 * A host's own variables, found through {@link java.util.ServiceLoader}: list the implementation
 * in {@code META-INF/services/org.sosops.env.core.catalog.VariableContribution} and every catalog
 * built by {@link Catalog#defaults()} or {@link Catalog.Builder#discover(ClassLoader)} includes
 * them, so {@code sosops-env check}, {@code secrets} and the start-up check see them with no code.
 *
 * <pre>{@code
 * public final class PaymentVariables implements VariableContribution {
 *     public List<CatalogVariable> variables() {
 *         return List.of(CatalogVariable.builder("STRIPE_SECRET_KEY").secret()
 *                 .requiredIn(AppEnv.STAGING, AppEnv.PROD).build());
 *     }
 * }
 * }</pre>
 */
public interface VariableContribution {
    List<CatalogVariable> variables();
}
