package org.sosops.env.promotion.gate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.sosops.env.promotion.sql.SqlLexer;
import org.sosops.env.promotion.sql.TokenKind;

/**
 * The tokens of one statement, reused from statement to statement so scanning allocates nothing
 * until a risky statement needs its text.
 */
final class StatementTokens {
    /** Words shown in upper case in normalized statements; everything else unquoted is folded to lower case. */
    private static final Set<String> KEYWORDS = Set.of("ADD", "ALL", "ALTER", "AND", "AS", "ASC", "BY", "CASCADE",
            "CHECK", "COLUMN", "CONCURRENTLY", "CONSTRAINT", "CONTINUE", "CREATE", "DATA", "DEFAULT", "DELETE",
            "DESC", "DISTINCT", "DROP", "ENUM", "EXISTS", "FALSE", "FOREIGN", "FROM", "IDENTITY", "IF", "IN",
            "INDEX", "INSERT", "INTO", "IS", "JOIN", "KEY", "LIKE", "LIMIT", "NOT", "NULL", "ON", "ONLY", "OR",
            "ORDER", "OWNED", "PRIMARY", "REFERENCES", "RENAME", "RESTART", "RESTRICT", "RETURNING", "SCHEMA",
            "SELECT", "SET", "TABLE", "TO", "TRUE", "TRUNCATE", "TYPE", "UNIQUE", "UPDATE", "USING", "VALUE",
            "VALUES", "VIEW", "WHERE", "WITH");

    private byte[] source;
    private TokenKind[] kinds = new TokenKind[64];
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int[] lines = new int[64];
    private int size;

    void reset(byte[] bytes) {
        this.source = bytes;
        this.size = 0;
    }

    void add(SqlLexer lexer) {
        if (size == kinds.length) {
            int capacity = size * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            lines = Arrays.copyOf(lines, capacity);
        }
        kinds[size] = lexer.kind();
        starts[size] = lexer.start();
        ends[size] = lexer.end();
        lines[size] = lexer.line();
        size++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    TokenKind kind(int i) {
        return i < size ? kinds[i] : TokenKind.END;
    }

    int line(int i) {
        return lines[Math.min(i, size - 1)];
    }

    /** True when token {@code i} is the unquoted word {@code keyword} (given in upper case). */
    boolean word(int i, String keyword) {
        return i < size && kinds[i] == TokenKind.WORD && SqlLexer.equalsIgnoreCase(source, starts[i], ends[i], keyword);
    }

    /** True when token {@code i} is the single character {@code c}. */
    boolean punctuation(int i, char c) {
        return i < size && kinds[i] == TokenKind.PUNCTUATION && source[starts[i]] == c;
    }

    /** True when token {@code i} names something: an unquoted word or a quoted identifier. */
    boolean name(int i) {
        return i < size && (kinds[i] == TokenKind.WORD || kinds[i] == TokenKind.QUOTED_IDENTIFIER);
    }

    /**
     * The statement without comments or layout: tokens separated by single spaces (none around
     * dots, inside parentheses or before commas), key words upper case, other unquoted words lower
     * case as PostgreSQL folds them, quoted identifiers and literals verbatim.
     */
    String normalized() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < size; i++) {
            String token = new String(source, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
            if (kinds[i] == TokenKind.WORD) {
                String upper = token.toUpperCase(Locale.ROOT);
                token = KEYWORDS.contains(upper) ? upper : token.toLowerCase(Locale.ROOT);
            }
            if (i > 0 && spaceBetween(i - 1, i)) {
                text.append(' ');
            }
            text.append(token);
        }
        return text.toString();
    }

    private boolean spaceBetween(int left, int right) {
        if (punctuation(left, '(') || punctuation(left, '.') || punctuation(left, ':') && punctuation(right, ':')) {
            return false;
        }
        if (punctuation(left, ':') && left > 0 && punctuation(left - 1, ':')) {
            return false;
        }
        return !(punctuation(right, ',') || punctuation(right, ')') || punctuation(right, '.')
                || punctuation(right, ':') && punctuation(right + 1, ':')
                || punctuation(right, '(') && kinds[left] == TokenKind.WORD && !isKeyword(left));
    }

    private boolean isKeyword(int i) {
        String word = new String(source, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
        return KEYWORDS.contains(word.toUpperCase(Locale.ROOT));
    }
}
