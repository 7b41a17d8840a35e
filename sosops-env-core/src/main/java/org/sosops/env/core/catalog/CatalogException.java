package org.sosops.env.core.catalog;

/**
 * The catalog cannot be built: a variable declared twice (by the host, or by two
 * {@link VariableContribution}s that disagree), or a canonical name redeclared. The message names
 * the variable and, for contributions, their classes.
 */
public final class CatalogException extends IllegalArgumentException {
    public CatalogException(String message) {
        super(message);
    }
}
