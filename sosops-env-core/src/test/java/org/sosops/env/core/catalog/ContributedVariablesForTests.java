package org.sosops.env.core.catalog;

import java.util.List;

/**
 * A host's contribution, listed in this module's test services: a secret whose name says nothing
 * of a secret, and an identity. Both optional, so they change no other test's verdict.
 */
public final class ContributedVariablesForTests implements VariableContribution {
    @Override
    public List<CatalogVariable> variables() {
        return List.of(
                CatalogVariable.builder("PAYMENTS_SIGNATURE").secret().build(),
                CatalogVariable.builder("TENANT_BUCKET").identity().pattern("an S3 bucket name", "[a-z0-9.-]{3,63}").build());
    }
}
