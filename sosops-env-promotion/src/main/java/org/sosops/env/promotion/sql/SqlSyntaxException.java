package org.sosops.env.promotion.sql;

/**
 * SQL the lexer cannot read to the end: an unterminated string, quoted identifier, dollar-quoted
 * body or block comment. {@link #line()} is the 1-based line where the unterminated part starts.
 */
public final class SqlSyntaxException extends RuntimeException {
    private final int line;

    public SqlSyntaxException(String message, int line) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
