package org.sosops.env.promotion.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {
    private static List<String> tokens(String sql) {
        SqlLexer lexer = SqlLexer.of(sql);
        List<String> out = new ArrayList<>();
        for (TokenKind kind = lexer.next(); kind != TokenKind.END; kind = lexer.next()) {
            out.add(kind + ":" + lexer.text() + "@" + lexer.line());
        }
        return out;
    }

    @Test
    void wordsPunctuationAndLinesAreTokens() {
        assertThat(tokens("DROP\n  table x;")).containsExactly("WORD:DROP@1", "WORD:table@2", "WORD:x@2", "SEMICOLON:;@2");
    }

    @Test
    void lineAndNestedBlockCommentsAreSkippedButCountLines() {
        assertThat(tokens("-- DROP TABLE x;\n/* a /* DROP */ TRUNCATE; */ b")).containsExactly("WORD:b@2");
        assertThat(tokens("/* one\n two\n*/\nx")).containsExactly("WORD:x@4");
    }

    @Test
    void standardStringsDoubleTheirQuotes() {
        assertThat(tokens("'it''s; -- not a comment' x")).containsExactly("STRING:'it''s; -- not a comment'@1", "WORD:x@1");
    }

    @Test
    void escapeStringsHonourBackslashes() {
        assertThat(tokens("E'a\\'; DROP TABLE t' y")).containsExactly("STRING:E'a\\'; DROP TABLE t'@1", "WORD:y@1");
        assertThat(tokens("e'\\\\' z")).containsExactly("STRING:e'\\\\'@1", "WORD:z@1");
    }

    @Test
    void aBackslashEndsAStandardStringNormally() {
        assertThat(tokens("'a\\' b")).containsExactly("STRING:'a\\'@1", "WORD:b@1");
    }

    @Test
    void prefixedStringsAndUnicodeIdentifiersAreSingleTokens() {
        assertThat(tokens("B'101' X'ff' N'n' U&'d\\0061' U&\"d\" name")).containsExactly(
                "STRING:B'101'@1", "STRING:X'ff'@1", "STRING:N'n'@1", "STRING:U&'d\\0061'@1",
                "QUOTED_IDENTIFIER:U&\"d\"@1", "WORD:name@1");
    }

    @Test
    void dollarQuotedBodiesEndOnlyAtTheirOwnTag() {
        assertThat(tokens("$a$ x $$ ; $b$ y $a$;")).containsExactly("DOLLAR_STRING:$a$ x $$ ; $b$ y $a$@1", "SEMICOLON:;@1");
        assertThat(tokens("$$\n;\n$$ z")).containsExactly("DOLLAR_STRING:$$\n;\n$$@1", "WORD:z@3");
    }

    @Test
    void dollarDigitsAreParametersAndDollarsInsideWordsAreWordCharacters() {
        assertThat(tokens("$1 a$b")).containsExactly("PARAMETER:$1@1", "WORD:a$b@1");
    }

    @Test
    void quotedIdentifiersDoubleTheirQuotes() {
        assertThat(tokens("\"drop \"\"table\"\"\" x")).containsExactly("QUOTED_IDENTIFIER:\"drop \"\"table\"\"\"@1", "WORD:x@1");
    }

    @Test
    void numbersIncludeDecimalsAndExponents() {
        assertThat(tokens("1.5e-3 .5 42")).containsExactly("NUMBER:1.5e-3@1", "NUMBER:.5@1", "NUMBER:42@1");
    }

    @Test
    void unterminatedPartsAreErrorsNamingTheLineWhereTheyStart() {
        assertThatThrownBy(() -> tokens("x;\n'abc")).isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("unterminated string").satisfies(e -> assertThat(((SqlSyntaxException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> tokens("\n\nE'a\\'")).hasMessageContaining("unterminated escape string")
                .satisfies(e -> assertThat(((SqlSyntaxException) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> tokens("/* a /* b */")).hasMessageContaining("unterminated block comment");
        assertThatThrownBy(() -> tokens("$fn$ body $other$")).hasMessageContaining("$fn$ without its closing tag");
        assertThatThrownBy(() -> tokens("\"abc")).hasMessageContaining("unterminated quoted identifier");
    }

    @Test
    void wordIsMatchesKeywordsInAnyCase() {
        SqlLexer lexer = SqlLexer.of("dRoP");
        lexer.next();
        assertThat(lexer.wordIs("DROP")).isTrue();
        assertThat(lexer.wordIs("DRO")).isFalse();
    }
}
