package org.sosops.env.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A contribution with a format check of its own (a lambda of this class), as a web application
 * brings one. Not in this module's services: {@link CatalogDefaultsLoaderTest} defines it in a
 * class loader of its own, as a servlet container defines an application's classes.
 */
public final class ContributionOfAChildLoader implements VariableContribution {
    @Override
    public List<CatalogVariable> variables() {
        return List.of(CatalogVariable.builder("CHILD_LOADER_REGION")
                .check("a region such as eu-west-1", (value, environment, all) -> value.matches("[a-z]{2}-[a-z]+-[0-9]")
                        ? Optional.empty() : Optional.of(FormatProblem.invalid("must be a region such as eu-west-1")))
                .build());
    }
}
