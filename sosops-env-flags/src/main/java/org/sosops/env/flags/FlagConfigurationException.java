package org.sosops.env.flags;

/**
 * The flag configuration cannot be used: an override names an undeclared flag or gives a flag a
 * value of the wrong type. Resolvers fail closed rather than guess. The message names the
 * variable and the flag.
 */
public final class FlagConfigurationException extends IllegalArgumentException {
    public FlagConfigurationException(String message) {
        super(message);
    }
}
