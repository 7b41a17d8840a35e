package org.sosops.env.promotion.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the SQL lexer: any bytes lex to the end or fail with {@link SqlSyntaxException}; it
 * always terminates (no more tokens than bytes) and line numbers only grow. Seeds in
 * {@code SqlLexerFuzzTestInputs/lexer/}; see docs/fuzzing.md.
 */
class SqlLexerFuzzTest {
    @FuzzTest(maxDuration = "")
    void lexer(byte[] input) {
        SqlLexer lexer = new SqlLexer(input);
        int tokens = 0;
        try {
            while (lexer.next() != TokenKind.END) {
                tokens++;
                assertThat(tokens).as("tokens of %d bytes", input.length).isLessThanOrEqualTo(input.length);
            }
        } catch (SqlSyntaxException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
