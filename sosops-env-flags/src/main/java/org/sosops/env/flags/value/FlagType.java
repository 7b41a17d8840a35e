package org.sosops.env.flags.value;

import java.util.Locale;

/** The type of a flag's value; a flag keeps one type in every layer. */
public enum FlagType {
    BOOLEAN,
    STRING,
    NUMBER,
    JSON;

    private final String id = name().toLowerCase(Locale.ROOT);

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
