package org.sosops.env.cli.check;

import java.util.List;
import org.sosops.env.core.catalog.CatalogVariable;
import org.sosops.env.core.catalog.VariableContribution;

/** A host's own secret, contributed through this module's test services; optional, so no sample changes verdict. */
public final class HostVariablesForTests implements VariableContribution {
    @Override
    public List<CatalogVariable> variables() {
        return List.of(CatalogVariable.builder("BILLING_SIGNATURE").secret()
                .pattern("a ps_ key", "ps_[A-Za-z0-9]{24,}").build());
    }
}
