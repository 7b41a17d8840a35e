package org.sosops.env.flags.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A validated, unquoted PostgreSQL table name. It is spliced into SQL (identifiers cannot be bound
 * as parameters), so only lower-case letters, digits and underscores pass, short enough to leave
 * room for the derived trigger and channel names.
 */
record TableName(String value) {
    static final String DEFAULT = "sosops_feature_flags";
    private static final Pattern SAFE = Pattern.compile("[a-z_][a-z0-9_]{0,47}");

    TableName {
        Objects.requireNonNull(value, "table name");
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("flag table name must match [a-z_][a-z0-9_]{0,47} "
                    + "(lower-case letters, digits, underscores; at most 48 characters)");
        }
    }

    /** The LISTEN/NOTIFY channel the table's trigger notifies. */
    String channel() {
        return value + "_changed";
    }

    @Override
    public String toString() {
        return value;
    }
}
