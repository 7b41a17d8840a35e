package org.sosops.env.promotion.sql;

import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL lexer over UTF-8 bytes: line comments, nested block comments, {@code '…'} strings
 * with {@code ''}, {@code E'…'} strings with backslash escapes, {@code $tag$…$tag$} bodies and
 * quoted identifiers. It allocates nothing per token: call {@link #next()} and read the current
 * token's {@link #start()}, {@link #end()} and {@link #line()}.
 *
 * <pre>{@code
 * SqlLexer lexer = new SqlLexer(bytes);
 * for (TokenKind kind = lexer.next(); kind != TokenKind.END; kind = lexer.next()) {
 *     if (kind == TokenKind.WORD && lexer.wordIs("DROP")) { ... }
 * }
 * }</pre>
 *
 * <p>Every character that matters to SQL syntax is ASCII, so lexing the bytes directly is exact
 * for UTF-8 input; non-ASCII bytes only ever appear inside words, strings and comments.
 *
 * <p>{@link #next()} throws {@link SqlSyntaxException} for an unterminated string, identifier, body or comment.
 */
public final class SqlLexer {
    private static final byte[] CLASS = new byte[256];
    private static final byte SPACE = 1;
    private static final byte WORD_START = 2;
    private static final byte WORD_PART = 4;
    private static final byte DIGIT = 8;

    static {
        for (int c : new int[] {' ', '\t', '\n', '\r', '\f', 0x0b}) {
            CLASS[c] = SPACE;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            CLASS[c] = WORD_START | WORD_PART;
            CLASS[c - 'a' + 'A'] = WORD_START | WORD_PART;
        }
        CLASS['_'] = WORD_START | WORD_PART;
        for (int c = 0x80; c < 0x100; c++) {
            CLASS[c] = WORD_START | WORD_PART;
        }
        for (int c = '0'; c <= '9'; c++) {
            CLASS[c] = WORD_PART | DIGIT;
        }
        CLASS['$'] = WORD_PART;
    }

    private final byte[] in;
    private final int limit;
    private int pos;
    private int line = 1;
    private int start;
    private int end;
    private int tokenLine;
    private TokenKind kind = TokenKind.END;

    public SqlLexer(byte[] input) {
        this(input, 0, input.length);
    }

    public SqlLexer(byte[] input, int from, int to) {
        this.in = input;
        this.pos = from;
        this.limit = to;
    }

    public static SqlLexer of(String sql) {
        return new SqlLexer(sql.getBytes(StandardCharsets.UTF_8));
    }

    /** Advances to the next token and returns its kind ({@link TokenKind#END} at the end). */
    public TokenKind next() {
        skipSpaceAndComments();
        start = pos;
        tokenLine = line;
        if (pos >= limit) {
            end = pos;
            return finish(TokenKind.END);
        }
        int c = in[pos] & 0xff;
        byte cls = CLASS[c];
        if ((cls & WORD_START) != 0) {
            return word();
        }
        if ((cls & DIGIT) != 0 || (c == '.' && pos + 1 < limit && (CLASS[in[pos + 1] & 0xff] & DIGIT) != 0)) {
            return number();
        }
        switch (c) {
            case '\'':
                pos = standardString(pos + 1);
                return finish(TokenKind.STRING);
            case '"':
                pos = quoted(pos + 1, '"');
                return finish(TokenKind.QUOTED_IDENTIFIER);
            case '$':
                return dollar();
            case ';':
                pos++;
                return finish(TokenKind.SEMICOLON);
            default:
                pos++;
                return finish(TokenKind.PUNCTUATION);
        }
    }

    public TokenKind kind() {
        return kind;
    }

    /** Byte offset where the current token starts. */
    public int start() {
        return start;
    }

    /** Byte offset just past the current token. */
    public int end() {
        return end;
    }

    /** The 1-based line where the current token starts. */
    public int line() {
        return tokenLine;
    }

    /** The current token's text. Allocates: meant for reports, not for the scanning loop. */
    public String text() {
        return new String(in, start, end - start, StandardCharsets.UTF_8);
    }

    /** True when the current token is a word equal to {@code upperCaseKeyword}, ignoring case. */
    public boolean wordIs(String upperCaseKeyword) {
        return kind == TokenKind.WORD && equalsIgnoreCase(in, start, end, upperCaseKeyword);
    }

    /** Whether bytes {@code [from, to)} spell {@code upperCaseAscii} in any case. */
    public static boolean equalsIgnoreCase(byte[] bytes, int from, int to, String upperCaseAscii) {
        int length = upperCaseAscii.length();
        if (to - from != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int b = bytes[from + i];
            if (b >= 'a' && b <= 'z') {
                b -= 32;
            }
            if (b != upperCaseAscii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private TokenKind finish(TokenKind result) {
        end = pos;
        kind = result;
        return result;
    }

    private void skipSpaceAndComments() {
        // Locals, not fields, in the hot loops: the JIT keeps them in registers.
        final byte[] b = in;
        final int lim = limit;
        int p = pos;
        int lines = line;
        while (p < lim) {
            int c = b[p];
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b) {
                if (c == '\n') {
                    lines++;
                }
                p++;
            } else if (c == '-' && p + 1 < lim && b[p + 1] == '-') {
                p += 2;
                while (p < lim && b[p] != '\n') {
                    p++;
                }
            } else if (c == '/' && p + 1 < lim && b[p + 1] == '*') {
                pos = p;
                line = lines;
                blockComment();
                p = pos;
                lines = line;
            } else {
                break;
            }
        }
        pos = p;
        line = lines;
    }

    /** Block comments nest in PostgreSQL: {@code /* a /* b *}{@code / c *}{@code /} is one comment. */
    private void blockComment() {
        final byte[] b = in;
        final int lim = limit;
        int startLine = line;
        int lines = line;
        int depth = 1;
        int p = pos + 2;
        while (p < lim) {
            byte c = b[p];
            if (c == '*' && p + 1 < lim && b[p + 1] == '/') {
                p += 2;
                if (--depth == 0) {
                    pos = p;
                    line = lines;
                    return;
                }
            } else if (c == '/' && p + 1 < lim && b[p + 1] == '*') {
                p += 2;
                depth++;
            } else {
                if (c == '\n') {
                    lines++;
                }
                p++;
            }
        }
        throw new SqlSyntaxException("unterminated block comment (/* without */)", startLine);
    }

    private TokenKind word() {
        final byte[] b = in;
        final int lim = limit;
        int first = pos;
        int p = first + 1;
        while (p < lim && (CLASS[b[p] & 0xff] & WORD_PART) != 0) {
            p++;
        }
        pos = p;
        if (pos < limit && pos - first == 1) {
            int prefix = in[first] | 0x20;
            byte after = in[pos];
            if (after == '\'') {
                if (prefix == 'e') {
                    pos = escapeString(pos + 1);
                    return finish(TokenKind.STRING);
                }
                if (prefix == 'b' || prefix == 'x' || prefix == 'n') {
                    pos = standardString(pos + 1);
                    return finish(TokenKind.STRING);
                }
            } else if (prefix == 'u' && after == '&' && pos + 1 < limit) {
                if (in[pos + 1] == '\'') {
                    pos = standardString(pos + 2);
                    return finish(TokenKind.STRING);
                }
                if (in[pos + 1] == '"') {
                    pos = quoted(pos + 2, '"');
                    return finish(TokenKind.QUOTED_IDENTIFIER);
                }
            }
        }
        return finish(TokenKind.WORD);
    }

    private TokenKind number() {
        pos++;
        while (pos < limit) {
            int c = in[pos] & 0xff;
            if ((CLASS[c] & WORD_PART) != 0 && c != '$' || c == '.') {
                if ((c == 'e' || c == 'E') && pos + 1 < limit && (in[pos + 1] == '+' || in[pos + 1] == '-')) {
                    pos++;
                }
                pos++;
            } else {
                break;
            }
        }
        return finish(TokenKind.NUMBER);
    }

    /** A {@code '…'} string where {@code ''} stands for one quote; returns the offset past the closing quote. */
    private int standardString(int from) {
        return quoted(from, '\'');
    }

    private int quoted(int from, char quote) {
        final byte[] b = in;
        final int lim = limit;
        int lines = line;
        int i = from;
        while (i < lim) {
            byte c = b[i];
            if (c == quote) {
                if (i + 1 < lim && b[i + 1] == quote) {
                    i += 2;
                    continue;
                }
                line = lines;
                return i + 1;
            }
            if (c == '\n') {
                lines++;
            }
            i++;
        }
        throw new SqlSyntaxException(quote == '"' ? "unterminated quoted identifier (\" without closing \")"
                : "unterminated string literal (' without closing ')", line);
    }

    /** An {@code E'…'} string: a backslash escapes the next character, and {@code ''} still stands for a quote. */
    private int escapeString(int from) {
        int startLine = line;
        int i = from;
        byte[] bytes = in;
        while (i < limit) {
            byte c = bytes[i];
            if (c == '\\') {
                if (i + 1 < limit && bytes[i + 1] == '\n') {
                    line++;
                }
                i += 2;
                continue;
            }
            if (c == '\'') {
                if (i + 1 < limit && bytes[i + 1] == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\n') {
                line++;
            }
            i++;
        }
        throw new SqlSyntaxException("unterminated escape string literal (E' without closing ')", startLine);
    }

    /** {@code $1} is a parameter; {@code $tag$} or {@code $$} opens a body closed by the same tag. */
    private TokenKind dollar() {
        int first = pos;
        int i = pos + 1;
        if (i < limit && (CLASS[in[i] & 0xff] & DIGIT) != 0) {
            while (i < limit && (CLASS[in[i] & 0xff] & DIGIT) != 0) {
                i++;
            }
            pos = i;
            return finish(TokenKind.PARAMETER);
        }
        if (i < limit && (CLASS[in[i] & 0xff] & WORD_START) != 0) {
            i++;
            while (i < limit && (CLASS[in[i] & 0xff] & (WORD_PART)) != 0 && in[i] != '$') {
                i++;
            }
        }
        if (i >= limit || in[i] != '$') {
            pos = first + 1;
            return finish(TokenKind.PUNCTUATION);
        }
        int tagLength = i + 1 - first;
        int startLine = line;
        int j = i + 1;
        byte[] bytes = in;
        while (j < limit) {
            byte c = bytes[j];
            if (c == '$' && j + tagLength <= limit && sameTag(first, j, tagLength)) {
                pos = j + tagLength;
                return finish(TokenKind.DOLLAR_STRING);
            }
            if (c == '\n') {
                line++;
            }
            j++;
        }
        throw new SqlSyntaxException("unterminated dollar-quoted string ("
                + new String(in, first, tagLength, StandardCharsets.UTF_8) + " without its closing tag)", startLine);
    }

    private boolean sameTag(int tag, int at, int length) {
        for (int k = 1; k < length; k++) {
            if (in[tag + k] != in[at + k]) {
                return false;
            }
        }
        return true;
    }
}
