package org.sosops.env.spring.boot;

import java.util.List;
import org.sosops.env.core.catalog.CatalogVariable;
import org.sosops.env.core.catalog.VariableContribution;

/** A host's own secret, declared the way an application would, to see it reach the policy through Spring. */
public final class PaymentVariables implements VariableContribution {
    static final String NAME = "PAYMENTS_SIGNING_KEY";

    @Override
    public List<CatalogVariable> variables() {
        return List.of(CatalogVariable.builder(NAME).secret()
                .pattern("pk_ followed by at least 24 lower-case letters or digits", "pk_[a-z0-9]{24,}").build());
    }
}
