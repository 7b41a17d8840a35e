package org.sosops.env.core.hygiene.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.rules.Finding;

class SourceScannerTest {
    private static final Path SAMPLE = Path.of("../examples/secrets/src");
    private static final String SENDGRID = "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";

    @TempDir
    Path dir;

    private final SourceScanner scanner = SourceScanner.standard();

    @Test
    void theSampleTreeHoldsExactlyTheExpectedSecrets() {
        ScanResult result = scanner.scan(SAMPLE);

        assertThat(result.secrets()).extracting(SourceSecret::file, SourceSecret::line, SourceSecret::kind,
                        s -> s.variable().orElse("-"), SourceSecret::allowed)
                .containsExactly(
                        tuple("main/java/org/example/campaigns/Settings.java", 19, "assigned-literal", "TWILIO_AUTH_TOKEN", false),
                        tuple("main/java/org/example/campaigns/Settings.java", 20, "assigned-literal", "AUTH_SECRET", false),
                        tuple("main/js/mailer.ts", 8, "sendgrid-api-key", "-", false),
                        tuple("main/kotlin/org/example/campaigns/Webhooks.kt", 7, "assigned-literal",
                                "TWILIO_WEBHOOK_SIGNING_SECRET", false),
                        tuple("main/resources/application.properties", 7, "assigned-literal", "EMAIL_API_KEY", false),
                        tuple("main/resources/application.properties", 8, "url-password", "-", false),
                        tuple("main/resources/keys/webhook-signing.pem", 1, "private-key", "-", false),
                        tuple("test/java/org/example/campaigns/SignatureTest.java", 6, "assigned-literal",
                                "TWILIO_AUTH_TOKEN", true),
                        tuple("test/java/org/example/campaigns/SignatureTest.java", 8, "vercel-blob-token",
                                "BLOB_READ_WRITE_TOKEN", false));
        assertThat(result.skipped()).isEmpty();
    }

    @Test
    void variableNameLiteralsReferencesAndPlaceholdersAreNotSecrets() throws IOException {
        write("Names.java", """
                static final String AUTH_SECRET_VARIABLE = "AUTH_SECRET";
                String token = System.getenv("TWILIO_AUTH_TOKEN");
                String authSecret = "${AUTH_SECRET}";
                String emailApiKey = "<email-api-key>";
                String twilioAuthToken = "your-twilio-auth-token";
                String blobReadWriteToken = "blob.read-write.token";
                String authSecretHelp = "set AUTH_SECRET to 32 random characters";
                String upstashRedisRestToken = process.env.UPSTASH_REDIS_REST_TOKEN;
                if (authSecret == "abc") {}
                """);
        write("app.yml", "auth-secret: ${AUTH_SECRET}\nemail-api-key: changeme\nemail-webhook-signing-secret: \"\"\n");
        write("app.json", "{\"AUTH_SECRET\": \"AUTH_SECRET\", \"EMAIL_API_KEY\": \"<key>\"}\n");

        assertThat(scanner.scan(dir).secrets()).isEmpty();
    }

    @Test
    void canonicalSecretNamesAssignedLiteralsAreFoundInEveryLanguage() throws IOException {
        write("A.java", "private static final String AUTH_SECRET = \"Zr8vQ2kL9xT4mN7pQ1\";\n");
        write("B.kt", "val twilioAuthToken: String = \"Zr8vQ2kL9xT4mN7pQ2\"\n");
        write("c.ts", "export const config = { emailApiKey: 'Zr8vQ2kL9xT4mN7pQ3' };\n");
        write("d.json", "{\n  \"UPSTASH_REDIS_REST_TOKEN\": \"Zr8vQ2kL9xT4mN7pQ4\"\n}\n");
        write("e.properties", "blob.read-write-token = Zr8vQ2kL9xT4mN7pQ5\n");
        write("f.yaml", "sosops:\n  email-webhook-signing-secret: Zr8vQ2kL9xT4mN7pQ6 # reviewed? no\n");
        write("g.js", "const s = env.get(\"TWILIO_WEBHOOK_SIGNING_SECRET\", \"Zr8vQ2kL9xT4mN7pQ7\");\n");

        assertThat(scanner.scan(dir).secrets()).extracting(SourceSecret::file, s -> s.variable().orElseThrow())
                .containsExactly(
                        tuple("A.java", "AUTH_SECRET"), tuple("B.kt", "TWILIO_AUTH_TOKEN"),
                        tuple("c.ts", "EMAIL_API_KEY"), tuple("d.json", "UPSTASH_REDIS_REST_TOKEN"),
                        tuple("e.properties", "BLOB_READ_WRITE_TOKEN"), tuple("f.yaml", "EMAIL_WEBHOOK_SIGNING_SECRET"),
                        tuple("g.js", "TWILIO_WEBHOOK_SIGNING_SECRET"));
    }

    @Test
    void buildAndVcsFoldersAreSkipped() throws IOException {
        for (String folder : List.of("target", "build", "node_modules", ".git", "dist", ".gradle")) {
            write(folder + "/x/Leak.java", "String k = \"" + SENDGRID + "\";\n");
        }
        write("src/Leak.java", "String k = \"" + SENDGRID + "\";\n");

        assertThat(scanner.scan(dir).secrets()).extracting(SourceSecret::file).containsExactly("src/Leak.java");
    }

    @Test
    void binaryHugeAndNonUtf8FilesNeverStopTheScan() throws IOException {
        byte[] binary = ("\u0000\u0001PNG " + SENDGRID).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("logo.png"), binary);
        Files.write(dir.resolve("huge.js"), ("const k = \"" + SENDGRID + "\";\n").repeat(2000).getBytes(StandardCharsets.US_ASCII));
        byte[] latin1 = ("// caf\u00e9 \u00e0 la cr\u00e8me\nString k = \"" + SENDGRID + "\";\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("Latin1.java"), latin1);

        ScanResult result = scanner.withMaxFileSize(64 * 1024).scan(dir);

        assertThat(result.binaryFiles()).isEqualTo(1);
        assertThat(result.skipped()).extracting(SkippedFile::file).containsExactly("huge.js");
        assertThat(result.secrets()).extracting(SourceSecret::file, SourceSecret::line).containsExactly(tuple("Latin1.java", 2));
        List<Finding> findings = ScanFindings.of(result, "root", Optional.empty());
        assertThat(findings).filteredOn(f -> !f.isBlocking()).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("not scanned: larger than 64 KiB"));
    }

    @Test
    void symbolicLinksAreNotFollowedSoLoopsCannotHangTheScan() throws IOException {
        write("a/Leak.java", "String k = \"" + SENDGRID + "\";\n");
        Files.createSymbolicLink(dir.resolve("a/loop"), dir);
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("missing"));

        assertThat(scanner.scan(dir).secrets()).extracting(SourceSecret::file).containsExactly("a/Leak.java");
    }

    @Test
    void unreadableFilesAreListedAsSkipped() throws IOException {
        // File permissions stop no superuser (CI runs as root), so the unreadable file is a zip
        // entry whose compressed bytes are corrupt: listed with a size, failing on every read.
        Path zip = dir.resolve("../sources-" + System.nanoTime() + ".zip").normalize();
        byte[] source = ("String k = \"" + SENDGRID + "\";\n").repeat(20).getBytes(StandardCharsets.UTF_8);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("Locked.java"));
            out.write(source);
            out.closeEntry();
            out.putNextEntry(new ZipEntry("Open.java"));
            out.write(source);
            out.closeEntry();
        }
        byte[] bytes = Files.readAllBytes(zip);
        int data = 30 + "Locked.java".length();   // the first entry's data follows its local header
        for (int i = data; i < data + 8; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Files.write(zip, bytes);

        try (FileSystem archive = FileSystems.newFileSystem(zip)) {
            ScanResult result = scanner.scan(archive.getPath("/"));

            assertThat(result.skipped()).extracting(SkippedFile::file).containsExactly("Locked.java");
            assertThat(result.secrets()).extracting(SourceSecret::file).containsOnly("Open.java");
        } finally {
            Files.delete(zip);
        }
    }

    @Test
    void aMinifiedLineIsSearchedAroundEachAnchor() throws IOException {
        String filler = "var a=function(b){return b+1};".repeat(500);
        write("bundle.min.js", filler + "var k=\"" + SENDGRID + "\";" + filler + "\n");

        assertThat(scanner.scan(dir).secrets()).extracting(SourceSecret::kind).containsExactly("sendgrid-api-key");
    }

    @Test
    void anAllowCommentNeedsAReasonAndCoversItsOwnLineOrTheNext() throws IOException {
        write("A.java", """
                // sosops-env: allow-secret fixture for the signature tests
                String a = "%1$s";
                String b = "%1$s"; // sosops-env: allow-secret   
                String c = "%1$s"; /* sosops-env: allow-secret: documented sample key */

                String d = "%1$s";
                """.formatted(SENDGRID));

        List<SourceSecret> secrets = scanner.scan(dir).secrets();

        assertThat(secrets).extracting(SourceSecret::line, SourceSecret::allowed)
                .containsExactly(tuple(2, true), tuple(3, false), tuple(4, true), tuple(6, false));
        assertThat(secrets.get(2).allow().orElseThrow().reason()).isEqualTo("documented sample key");
    }

    @Test
    void aBaselineKeepsReviewedSecretsByFileAndHashSoMovedLinesStayReviewed() throws IOException {
        write("A.java", "String a = \"" + SENDGRID + "\";\n");
        SecretBaseline baseline = SecretBaseline.of(scanner.scan(dir).secrets());
        Path file = dir.resolve("../baseline-" + System.nanoTime() + ".txt").normalize();
        baseline.write(file);
        SecretBaseline read = SecretBaseline.read(file);
        Files.delete(file);

        write("A.java", "\n\n// moved down\nString a = \"" + SENDGRID + "\";\n");
        write("B.java", "String b = \"" + SENDGRID + "\";\n");
        ScanResult result = scanner.scan(dir);

        assertThat(result.secrets()).extracting(SourceSecret::file, read::contains)
                .containsExactly(tuple("A.java", true), tuple("B.java", false));
        assertThat(read.toText()).doesNotContain(SENDGRID).doesNotContain("\t4\t");
        List<Finding> findings = ScanFindings.of(result, ".", Optional.of(read));
        assertThat(findings).extracting(Finding::isBlocking).containsExactly(false, true);
    }

    @Test
    void aMalformedBaselineNamesItsLine() throws IOException {
        Path file = dir.resolve("baseline.txt");
        Files.writeString(file, "salt 00112233445566778899aabbccddeeff\nA.java only-two-fields\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SecretBaseline.read(file))
                .isInstanceOf(SecretBaseline.BaselineException.class).hasMessageContaining("line 2");
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
