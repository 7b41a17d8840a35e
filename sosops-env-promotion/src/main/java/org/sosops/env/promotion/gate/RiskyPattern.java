package org.sosops.env.promotion.gate;

import java.util.Optional;

/**
 * The risky migration patterns of docs/promotion.md and how each is recognised on SQL tokens: the one
 * place they are defined. Key words match in any case and across lines; comments, string
 * constants, dollar-quoted bodies and quoted identifiers never match.
 */
public enum RiskyPattern {
    /** {@code DROP TABLE …}. */
    DROP_TABLE("DROP TABLE"),
    /**
     * {@code ALTER [FOREIGN] TABLE … DROP [COLUMN] …} (but not {@code DROP CONSTRAINT}, nor
     * {@code ALTER COLUMN … DROP DEFAULT}). A foreign table's column counts too: the statement
     * removes the column from every query that reads it, whatever the remote side still holds.
     */
    DROP_COLUMN("DROP COLUMN"),
    /** {@code TRUNCATE …}. */
    TRUNCATE("TRUNCATE"),
    /** {@code ALTER TYPE …}, or a column type change {@code ALTER [COLUMN] c [SET DATA] TYPE …}. */
    ALTER_TYPE("ALTER TYPE"),
    /** {@code DELETE FROM …}, also inside a {@code WITH} query. */
    DELETE_FROM("DELETE FROM");

    private final String label;

    RiskyPattern(String label) {
        this.label = label;
    }

    /** The name used in reports, JSON and baselines, e.g. {@code DROP COLUMN}. */
    public String label() {
        return label;
    }

    public static Optional<RiskyPattern> fromLabel(String label) {
        for (RiskyPattern pattern : values()) {
            if (pattern.label.equalsIgnoreCase(label.strip())) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }

    /** Receives each pattern a statement matches, once per pattern, with the line of its key word. */
    interface Sink {
        void matched(RiskyPattern pattern, int line);
    }

    /** Reports to {@code sink} every pattern the statement matches, in the order of this enum. */
    static void match(StatementTokens t, Sink sink) {
        if (t.word(0, "DROP") && t.word(1, "TABLE")) {
            sink.matched(DROP_TABLE, t.line(0));
        }
        if (t.word(0, "ALTER") && t.word(1, "TABLE")) {
            matchAlterTable(t, 2, sink);
        }
        if (t.word(0, "ALTER") && t.word(1, "FOREIGN") && t.word(2, "TABLE")) {
            matchAlterTable(t, 3, sink);
        }
        if (t.word(0, "TRUNCATE")) {
            sink.matched(TRUNCATE, t.line(0));
        }
        if (t.word(0, "ALTER") && t.word(1, "TYPE")) {
            sink.matched(ALTER_TYPE, t.line(0));
        }
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.word(i, "DELETE") && t.word(i + 1, "FROM")) {
                sink.matched(DELETE_FROM, t.line(i));
                break;
            }
        }
    }

    /**
     * {@code ALTER [FOREIGN] TABLE [IF EXISTS] [ONLY] name [*] action [, action]…}: looks at the start
     * of each action; {@code first} is the token after {@code TABLE}.
     */
    private static void matchAlterTable(StatementTokens t, int first, Sink sink) {
        int i = first;
        if (t.word(i, "IF") && t.word(i + 1, "EXISTS")) {
            i += 2;
        }
        if (t.word(i, "ONLY")) {
            i++;
        }
        if (!t.name(i)) {
            return;
        }
        i++;
        while (t.punctuation(i, '.') && t.name(i + 1)) {
            i += 2;
        }
        if (t.punctuation(i, '*')) {
            i++;
        }
        int dropColumnLine = 0;
        int alterTypeLine = 0;
        int depth = 0;
        boolean actionStart = true;
        for (; i < t.size(); i++) {
            if (actionStart && depth == 0) {
                if (dropColumnLine == 0 && isColumnDrop(t, i)) {
                    dropColumnLine = t.line(i);
                }
                if (alterTypeLine == 0 && isColumnTypeChange(t, i)) {
                    alterTypeLine = t.line(i);
                }
            }
            actionStart = false;
            if (t.punctuation(i, '(')) {
                depth++;
            } else if (t.punctuation(i, ')')) {
                depth--;
            } else if (depth == 0 && t.punctuation(i, ',')) {
                actionStart = true;
            }
        }
        if (dropColumnLine > 0) {
            sink.matched(DROP_COLUMN, dropColumnLine);
        }
        if (alterTypeLine > 0) {
            sink.matched(ALTER_TYPE, alterTypeLine);
        }
    }

    /** {@code DROP [COLUMN] [IF EXISTS] name}; {@code DROP CONSTRAINT} is not a column drop. */
    private static boolean isColumnDrop(StatementTokens t, int i) {
        return t.word(i, "DROP") && !t.word(i + 1, "CONSTRAINT") && (t.name(i + 1));
    }

    /** {@code ALTER [COLUMN] name [SET DATA] TYPE …}. */
    private static boolean isColumnTypeChange(StatementTokens t, int i) {
        if (!t.word(i, "ALTER")) {
            return false;
        }
        int j = i + 1;
        if (t.word(j, "COLUMN") && t.name(j + 1) && !t.word(j + 1, "TYPE") && !t.word(j + 1, "SET")) {
            j++;
        }
        if (t.word(j, "CONSTRAINT") || !t.name(j)) {
            return false;
        }
        j++;
        return t.word(j, "TYPE") || t.word(j, "SET") && t.word(j + 1, "DATA") && t.word(j + 2, "TYPE");
    }
}
