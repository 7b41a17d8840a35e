package org.sosops.env.promotion.sql;

/** The kinds of token {@link SqlLexer} produces. Comments and white space are skipped, never tokens. */
public enum TokenKind {
    /** A key word or unquoted identifier ({@code DROP}, {@code users}); PostgreSQL folds its case. */
    WORD,
    /** A double-quoted identifier ({@code "drop"}); never a key word. */
    QUOTED_IDENTIFIER,
    /** A string constant: {@code '…'}, {@code E'…'}, {@code B'…'}, {@code X'…'}, {@code N'…'}, {@code U&'…'}. */
    STRING,
    /** A dollar-quoted string ({@code $$…$$}, {@code $body$…$body$}). */
    DOLLAR_STRING,
    NUMBER,
    /** A positional parameter ({@code $1}). */
    PARAMETER,
    /** {@code ;} at the top level: the end of a statement. */
    SEMICOLON,
    /** Any other single character: operators, parentheses, commas, dots. */
    PUNCTUATION,
    /** The end of the input. */
    END
}
