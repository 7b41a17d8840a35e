package org.sosops.env.core.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.VariableValue;

class DotEnvReaderTest {
    @TempDir
    Path dir;

    private static Map<String, String> values(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        DotEnvReader.parse("test.env", text).forEach(v -> map.put(v.name(), v.value()));
        return map;
    }

    private static DotEnvException failure(String text) {
        try {
            DotEnvReader.parse("test.env", text);
        } catch (DotEnvException e) {
            return e;
        }
        throw new AssertionError("expected the text to be refused");
    }

    @Test
    void readsPlainKeyValueLines() {
        assertThat(values("A=1\nB=two words\nC=\n")).containsExactly(
                Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("C", ""));
    }

    @Test
    void keepsEveryCharacterAfterTheFirstEqualsSign() {
        assertThat(values("URL=postgres://u:p@h/db?x=1&y=2")).containsEntry("URL", "postgres://u:p@h/db?x=1&y=2");
        assertThat(values("B64=YWJj==")).containsEntry("B64", "YWJj==");
    }

    @Test
    void stripsBlanksAroundUnquotedValuesAndAfterTheEqualsSign() {
        assertThat(values("A=   padded   \n")).containsEntry("A", "padded");
    }

    @Test
    void endsAnUnquotedValueAtAnInlineComment() {
        assertThat(values("A=value # a comment\nB=value#not-a-comment\nC=x\t# tab comment"))
                .containsEntry("A", "value").containsEntry("B", "value#not-a-comment").containsEntry("C", "x");
    }

    @Test
    void takesSingleQuotedValuesLiterally() {
        assertThat(values("A='a \\n $B \" # kept'")).containsEntry("A", "a \\n $B \" # kept");
    }

    @Test
    void interpretsEscapesInDoubleQuotes() {
        assertThat(values("A=\"line1\\nline2\\ttab \\\"quoted\\\" back\\\\slash \\$HOME\"")).containsEntry("A",
                "line1\nline2\ttab \"quoted\" back\\slash $HOME");
    }

    @Test
    void keepsInterpolationSyntaxLiterally() {
        assertThat(values("A=${HOME}/x\nB=\"${USER}\"")).containsEntry("A", "${HOME}/x").containsEntry("B", "${USER}");
    }

    @Test
    void letsDoubleQuotedValuesSpanLines() {
        List<VariableValue> entries = DotEnvReader.parse("test.env", "A=1\nKEY=\"-----BEGIN-----\nabc\n-----END-----\"\nB=2\n");
        assertThat(entries).extracting(VariableValue::name).containsExactly("A", "KEY", "B");
        assertThat(entries.get(1).value()).isEqualTo("-----BEGIN-----\nabc\n-----END-----");
        assertThat(entries.get(1).location()).contains(Location.of("test.env", 2));
        assertThat(entries.get(2).location()).contains(Location.of("test.env", 5));
    }

    @Test
    void acceptsTheExportPrefix() {
        assertThat(values("export A=1\nexport\tB='2'\n")).containsEntry("A", "1").containsEntry("B", "2");
    }

    @Test
    void skipsCommentsAndBlankLines() {
        assertThat(values("# heading\n\n   \n  # indented comment\nA=1\n")).containsOnlyKeys("A");
    }

    @Test
    void allowsAQuotedValueFollowedByAComment() {
        assertThat(values("A=\"x\" # why\nB='y'   # why not")).containsEntry("A", "x").containsEntry("B", "y");
    }

    @Test
    void acceptsDotsInNamesAndWindowsLineEndings() {
        assertThat(values("quarkus.http.port=8080\r\nB=2\r\n")).containsEntry("quarkus.http.port", "8080")
                .containsEntry("B", "2");
    }

    @Test
    void onlyACarriageReturnBeforeANewlineEndsALine() {
        List<VariableValue> entries = DotEnvReader.parse("w.env", "A=1\r\n\r\nB=\"x\ry\"\r\nC=3\r");
        assertThat(entries).extracting(VariableValue::name).containsExactly("A", "B", "C");
        assertThat(entries.get(1).value()).isEqualTo("x\ry");
        assertThat(entries.get(1).location()).map(Object::toString).contains("w.env:3");
        assertThat(entries.get(2).value()).isEqualTo("3");
    }

    @Test
    void recordsTheFileAndLineOfEveryValue() {
        List<VariableValue> entries = DotEnvReader.parse("staging.env", "# c\nA=1\n\nB=2");
        assertThat(entries).extracting(v -> v.location().orElseThrow())
                .containsExactly(Location.of("staging.env", 2), Location.of("staging.env", 4));
    }

    @Test
    void reportsALineWithoutAnEqualsSignWithFileAndLine() {
        DotEnvException e = failure("A=1\nAPP_URL \"https://x\"\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(Location.of("test.env", 2));
            assertThat(p.message()).contains("expected NAME=value");
        });
        assertThat(e.getMessage()).startsWith("test.env:2: ");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        DotEnvException e = failure("1BAD=x\nGOOD=1\nA =2\nB='open\nC=\"x\" trailing\nD=\"\\q\"\n");
        assertThat(e.problems()).extracting(p -> p.location().line()).containsExactly(
                OptionalInt.of(1), OptionalInt.of(3), OptionalInt.of(4), OptionalInt.of(5), OptionalInt.of(6));
        assertThat(e.problems()).extracting(DotEnvProblem::message).satisfiesExactly(
                m -> assertThat(m).contains("not a variable name"),
                m -> assertThat(m).contains("no space is allowed before '='").contains("A"),
                m -> assertThat(m).contains("unterminated single quote in B"),
                m -> assertThat(m).contains("unexpected text after the closing quote of C"),
                m -> assertThat(m).contains("unknown escape \\q in the value of D"));
        assertThat(e.summary()).isEqualTo("test.env:1: " + e.problems().get(0).message() + " (and 4 more)");
    }

    @Test
    void reportsAnUnterminatedDoubleQuoteAtTheLineWhereItOpens() {
        DotEnvException e = failure("A=1\nB=\"never closed\nC=3\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(Location.of("test.env", 2));
            assertThat(p.message()).contains("unterminated double quote in B");
        });
    }

    @Test
    void reportsADuplicateNameWithBothLines() {
        DotEnvException e = failure("A=1\nB=2\nA=3\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(Location.of("test.env", 3));
            assertThat(p.message()).isEqualTo("A is set twice (first on line 1)");
        });
    }

    @Test
    void neverQuotesTheTextOfABrokenLine() {
        String secret = "s3cr3t-Value-Xq9";
        DotEnvException e = failure("AUTH SECRET=" + secret + "\n" + secret + "\nB='" + secret + "\nC=\"" + secret + "\\z\"");
        assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("s3cr3t");
        assertThat(e.problems()).hasSize(4);
    }

    @Test
    void readsAFileWithAByteOrderMark() throws IOException {
        Path file = dir.resolve("bom.env");
        Files.write(file, ("\uFEFFAPP_ENV=dev\n").getBytes(StandardCharsets.UTF_8));
        assertThat(DotEnvReader.read(file)).extracting(VariableValue::name).containsExactly("APP_ENV");
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws IOException {
        Path file = dir.resolve("latin1.env");
        Files.write(file, "EMAIL_FROM_NAME=Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> DotEnvReader.read(file)).isInstanceOf(DotEnvException.class)
                .hasMessage(file + ": is not valid UTF-8 text");
    }

    @Test
    void reportsAMissingFileByName() {
        Path file = dir.resolve("nowhere.env");
        assertThatThrownBy(() -> DotEnvReader.read(file)).isInstanceOf(DotEnvException.class)
                .hasMessage(file + ": file not found");
    }

    @Test
    void reportsADirectoryAsUnreadable() {
        assertThatThrownBy(() -> DotEnvReader.read(dir)).isInstanceOf(DotEnvException.class)
                .hasMessageStartingWith(dir + ": cannot be read");
    }

    @Test
    void readsAnEmptyFileAsNoVariables() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.env"), "");
        assertThat(DotEnvReader.read(file)).isEmpty();
    }

    @Test
    void labelsValuesWithThePathItWasGiven() throws IOException {
        Path file = Files.writeString(dir.resolve("x.env"), "A=1\n");
        assertThat(DotEnvReader.read(file).get(0).location()).contains(Location.of(file.toString(), 1));
    }
    @Test
    void reportsALineThatStartsWithAnEqualsSignAsAMissingName() {
        DotEnvException e = failure("=value\n");
        assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a variable name"));
    }

    @Test
    void endsAnUnquotedValueAtATabbedComment() {
        assertThat(values("A=a\t# note\nB=b\t#tab # space\nC=c # space\t#tab\nD=d#e\n"))
                .containsExactly(entry("A", "a"), entry("B", "b"), entry("C", "c"), entry("D", "d#e"));
    }

    @Test
    void refusesTextAfterAClosingSingleQuote() {
        DotEnvException e = failure("A='x' y\n");
        assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("after the closing quote of A"));
    }

    @Test
    void refusesAnUnterminatedSingleQuote() {
        DotEnvException e = failure("A='x\n");
        assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("unterminated single quote in A"));
    }

    @Test
    void refusesABackslashAtTheEndOfADoubleQuotedLine() {
        DotEnvException e = failure("A=\"abc\\\nB=1\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(Location.of("test.env", 1));
            assertThat(p.message()).isEqualTo("a backslash ends the line in the value of A");
        });
    }

    @Test
    void summarisesOneProblemAloneAndCountsTheOthers() {
        assertThat(failure("NOPE\n").summary()).isEqualTo("test.env:1: expected NAME=value");
        assertThat(failure("NOPE\nALSO\n").summary()).isEqualTo("test.env:1: expected NAME=value (and 1 more)");
    }
}
