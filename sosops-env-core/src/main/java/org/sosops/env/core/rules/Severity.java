package org.sosops.env.core.rules;

import java.util.Locale;

/** How much a finding matters: errors fail a check, warnings are shown but do not. */
public enum Severity {
    ERROR,
    WARNING;

    /** The lower-case name used in JSON and text output. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
