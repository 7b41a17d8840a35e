package org.sosops.env.core.hygiene.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SourceScanner#scanText}: which lines are searched, how, and what a finding carries. */
class SourceScannerLinesTest {
    private static final String SENDGRID = "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";
    private static final String RANDOM = "Zr8vQ2kL9xT4mN7pQ1";
    private static final String FILLER = "var a=function(b){return b+1};".repeat(200);

    private final SourceScanner scanner = SourceScanner.standard();

    private List<SourceSecret> scan(String file, String text) {
        return scanner.scanText(file, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application.properties", "app.yml", "app.YAML", ".env", ".env.local", "prod.env",
            "nginx.conf", "setup.cfg", "php.ini", "config/app.toml"})
    void configFilesAreSearchedForUnquotedAssignments(String file) {
        assertThat(scan(file, "auth-secret = " + RANDOM + "\n"))
                .extracting(SourceSecret::kind, s -> s.variable().orElseThrow(), s -> s.secret().reveal())
                .containsExactly(tuple("assigned-literal", "AUTH_SECRET", RANDOM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"App.java", "notes.txt", "app.yml/App.java", "Makefile"})
    void otherFilesAreSearchedForQuotedLiteralsOnly(String file) {
        assertThat(scan(file, "AUTH_SECRET=" + RANDOM + "\n")).isEmpty();
        assertThat(scan(file, "AUTH_SECRET=\"" + RANDOM + "\"\n")).hasSize(1);
    }

    @Test
    void aTrailingCommentIsNotPartOfAnUnquotedValue() {
        assertThat(scan("app.properties", "auth-secret=" + RANDOM + " # rotated in May\n"))
                .extracting(s -> s.secret().reveal()).containsExactly(RANDOM);
    }

    @Test
    void aNameOrAUrlAtTheVeryEndOfTheFileIsHandled() {
        assertThat(scan("A.java", "x = authSecret")).isEmpty();
        assertThat(scan("A.java", "see http://host")).isEmpty();
        assertThat(scan("A.java", "see http://u:Zr8vQ2kLpw@host"))
                .extracting(SourceSecret::kind).containsExactly("url-password");
    }

    @Test
    void theAtSignOfAUrlMustComeWithin256CharactersOfItsScheme() {
        String password = ("Zr8vQ2kL9x").repeat(26);
        String near = "u = \"redis://u:" + password.substring(0, 253) + "@cache\"\n";   // '@' at offset 255
        String far = "u = \"redis://u:" + password.substring(0, 254) + "@cache\"\n";    // '@' at offset 256

        assertThat(scan("A.java", near)).extracting(SourceSecret::kind).containsExactly("url-password");
        assertThat(scan("A.java", far)).isEmpty();
    }

    @Test
    void lineNumbersCountEveryNewlineAndCarriageReturnsAreNotPartOfALine() {
        String text = "first\r\n\r\nString a = \"" + SENDGRID + "\";\r\n// sosops-env: allow-secret sample key\r\n"
                + "String b = \"" + SENDGRID + "x\";\r\n";

        assertThat(scan("A.java", text)).extracting(SourceSecret::line, SourceSecret::allowed)
                .containsExactly(tuple(3, false), tuple(5, true));
        assertThat(scan("A.java", text).get(1).allow().orElseThrow().reason()).isEqualTo("sample key");
    }

    @Test
    void anAllowCommentOpeningTheFileCoversTheLineBelow() {
        List<SourceSecret> secrets = scan("A.env", "sosops-env: allow-secret documented sample\nkey=\"" + SENDGRID + "\"\n");

        assertThat(secrets).extracting(SourceSecret::line, SourceSecret::allowed).containsExactly(tuple(2, true));
    }

    @Test
    void anAllowCommentTwoLinesAboveCoversNothing() {
        List<SourceSecret> secrets = scan("A.java",
                "// sosops-env: allow-secret sample\n\nString a = \"" + SENDGRID + "\";\n");

        assertThat(secrets).extracting(SourceSecret::line, SourceSecret::allowed).containsExactly(tuple(3, false));
    }

    @Test
    void theReasonOfAnAllowCommentLosesItsPunctuationAndCommentClosers() {
        assertThat(reason("<!-- sosops-env: allow-secret -- fixture -->")).isEqualTo("fixture");
        assertThat(reason("<# sosops-env: allow-secret: fixture #>")).isEqualTo("fixture");
        assertThat(reason("/* sosops-env: allow-secret fixture */")).isEqualTo("fixture");
    }

    private String reason(String comment) {
        return scan("A.txt", comment + "\nk = \"" + SENDGRID + "\"\n").get(0).allow().orElseThrow().reason();
    }

    @Test
    void aMinifiedLineIsSearchedAroundUrlsAndSecretNamesToo() {
        assertThat(scan("a.min.js", FILLER + "u=\"redis://u:Zr8vQ2kLpw@cache\";" + FILLER + "\n"))
                .extracting(SourceSecret::kind).containsExactly("url-password");
        assertThat(scan("a.min.js", FILLER + "c={authSecret:\"" + RANDOM + "\"};" + FILLER + "\n"))
                .extracting(SourceSecret::kind, s -> s.variable().orElseThrow())
                .containsExactly(tuple("assigned-literal", "AUTH_SECRET"));
    }

    @Test
    void aMinifiedLineThatStartsWithAKeyIsSearchedFromItsFirstCharacter() {
        assertThat(scan("a.min.js", SENDGRID + ";" + FILLER + "\n"))
                .extracting(SourceSecret::kind).containsExactly("sendgrid-api-key");
    }

    @Test
    void aLineOfExactly4096CharactersIsSearchedWhole() {
        // Whole-line search finds an assignment far from the name; the window around an anchor would too,
        // but an unquoted assignment is only read when the whole line is searched.
        String line = "auth-secret = " + RANDOM;
        String padded = line + " ".repeat(4096 - line.length());
        assertThat(scan("app.properties", padded + "\n")).hasSize(1);
        assertThat(scan("app.properties", padded + " \n")).isEmpty();
    }

    @Test
    void theSameLiteralFoundTwiceOnALineIsOneFinding() {
        assertThat(scan("A.java", "a = \"" + SENDGRID + "\"; b = \"" + SENDGRID + "\";\n")).hasSize(1);
        assertThat(scan("A.java", "a = \"" + SENDGRID + "\"; b = \"" + SENDGRID.replace('j', 'k') + "\";\n"))
                .hasSize(2);
    }

    @Test
    void binaryMeansANulByteWithinTheFirst8KiB() {
        byte[] content = new byte[9000];
        java.util.Arrays.fill(content, (byte) 'a');
        assertThat(SourceScanner.isBinary(content)).isFalse();
        content[8191] = 0;
        assertThat(SourceScanner.isBinary(content)).isTrue();
        content[8191] = 'a';
        content[8192] = 0;
        assertThat(SourceScanner.isBinary(content)).isFalse();
        assertThat(SourceScanner.isBinary(new byte[] {0})).isTrue();
        assertThat(SourceScanner.isBinary(new byte[0])).isFalse();
    }

    @Test
    void scanningAFileRatherThanAFolderIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("A.java"), "x");
        assertThatThrownBy(() -> scanner.scan(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": not a directory");
    }

    @Test
    void countsFilesAndBytesAndHonoursTheSizeLimitAndExtraSkippedFolders(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A.java"), "String k = \"" + SENDGRID + "\";\n");
        Files.createDirectories(dir.resolve("generated"));
        Files.writeString(dir.resolve("generated/B.java"), "String k = \"" + SENDGRID + "\";\n");
        Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        long size = Files.size(dir.resolve("A.java"));

        ScanResult all = scanner.withMaxFileSize(size).scan(dir);
        ScanResult fewer = scanner.skippingDirectory("generated").withMaxFileSize(size - 1).scan(dir);

        assertThat(all.filesScanned()).isEqualTo(2);
        assertThat(all.bytesScanned()).isEqualTo(2 * size);
        assertThat(all.binaryFiles()).isEqualTo(1);
        assertThat(all.secrets()).extracting(SourceSecret::file).containsExactly("A.java", "generated/B.java");
        assertThat(fewer.filesScanned()).isZero();
        assertThat(fewer.skipped()).extracting(SkippedFile::file, SkippedFile::reason)
                .containsExactly(tuple("A.java", "larger than 0 KiB"));
        assertThat(scanner.scan(dir).secrets()).as("the original scanner is unchanged").hasSize(2);
    }

    @Test
    void aContributedSecretIsFoundByItsNameInUpperCase() {
        // PAYMENTS_SIGNATURE (a test contribution) names no secret word: its anchor is "signature".
        assertThat(scan("A.java", "static final String PAYMENTS_SIGNATURE = \"" + RANDOM + "\";\n"))
                .extracting(s -> s.variable().orElseThrow()).containsExactly("PAYMENTS_SIGNATURE");
    }

    @Test
    void aLinkToAFileIsNotFollowedSoItsSecretCountsOnce(@TempDir Path dir) throws IOException {
        Path leak = Files.writeString(dir.resolve("Leak.java"), "String k = \"" + SENDGRID + "\";\n");
        Files.createSymbolicLink(dir.resolve("Alias.java"), leak);

        ScanResult result = scanner.scan(dir);

        assertThat(result.secrets()).extracting(SourceSecret::file).containsExactly("Leak.java");
        assertThat(result.filesScanned()).isEqualTo(1);
        assertThat(result.skipped()).isEmpty();
    }
}
