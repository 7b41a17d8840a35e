package org.sosops.env.promotion.gate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.sosops.env.promotion.sql.SqlLexer;
import org.sosops.env.promotion.sql.SqlSyntaxException;
import org.sosops.env.promotion.sql.TokenKind;
import org.sosops.env.promotion.sql.Utf8;

/**
 * Finds the risky statements of one migration's SQL: lexes it, splits it into statements at
 * top-level semicolons and matches each against {@link RiskyPattern}. Not thread-safe (it reuses
 * its token buffer); use one per thread.
 *
 * <pre>{@code
 * List<RiskyStatement> risky = new MigrationScanner().scan("ALTER TABLE users DROP COLUMN email;");
 * // [RiskyStatement[pattern=DROP COLUMN, line=1, statement=ALTER TABLE users DROP COLUMN email]]
 * }</pre>
 */
public final class MigrationScanner {
    private final StatementTokens tokens = new StatementTokens();

    public List<RiskyStatement> scan(String sql) {
        return scan(sql.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Scans UTF-8 bytes (a leading byte-order mark is skipped).
     *
     * @throws SqlSyntaxException for bytes that are not UTF-8 or SQL the lexer cannot finish
     */
    public List<RiskyStatement> scan(byte[] utf8) {
        int from = hasByteOrderMark(utf8) ? 3 : 0;
        OptionalInt invalid = Utf8.firstInvalid(utf8, from, utf8.length);
        if (invalid.isPresent()) {
            throw new SqlSyntaxException("not valid UTF-8 (byte 0x"
                    + Integer.toHexString(utf8[invalid.getAsInt()] & 0xff) + " at offset " + invalid.getAsInt()
                    + "); save the file as UTF-8", Utf8.lineOf(utf8, invalid.getAsInt()));
        }
        List<RiskyStatement> found = new ArrayList<>(2);
        SqlLexer lexer = new SqlLexer(utf8, from, utf8.length);
        tokens.reset(utf8);
        RiskyPattern.Sink sink = (pattern, line) -> found.add(new RiskyStatement(pattern, line, tokens.normalized()));
        while (true) {
            TokenKind kind = lexer.next();
            if (kind == TokenKind.END || kind == TokenKind.SEMICOLON) {
                if (!tokens.isEmpty()) {
                    RiskyPattern.match(tokens, sink);
                    tokens.reset(utf8);
                }
                if (kind == TokenKind.END) {
                    return found;
                }
            } else {
                tokens.add(lexer);
            }
        }
    }

    private static boolean hasByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf;
    }
}
