package org.sosops.env.cli.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.Main;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.dotenv.DotEnvReader;
import org.sosops.env.core.hygiene.crossenv.FingerprintList;
import org.sosops.env.core.hygiene.crossenv.SharedSecretStartupRule;
import org.sosops.env.core.variables.Variables;

class SecretsCommandTest {
    private static final String ROOT = "../examples/secrets/";
    private static final String[] ENV_FILES = {ROOT + "env/dev.env", ROOT + "env/staging.env", ROOT + "env/prod.env"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] allInputs(String... more) {
        List<String> args = new ArrayList<>(List.of("secrets", "--env-file"));
        args.addAll(List.of(ENV_FILES));
        args.addAll(List.of("--example", ROOT + "env.example", "--scan", ROOT + "src",
                "--baseline", ROOT + "secrets-baseline.txt"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** rule | variable | environment | file (below examples/secrets) | line | waived */
    private static Set<String> summary(JsonNode report) {
        Set<String> rows = new HashSet<>();
        for (JsonNode f : report.get("findings")) {
            rows.add(String.join(" | ", f.get("rule").asText(), f.path("variable").asText("-"),
                    f.path("environment").asText("-"), f.get("file").asText().replace(ROOT, ""),
                    f.path("line").asText("-"), f.path("waived").asBoolean() ? "waived" : "open"));
        }
        return rows;
    }

    @Test
    void theSampleInputsGiveExactlyTheExpectedFindings() {
        Run run = run(allInputs("--format", "json"));

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.json().get("ok").asBoolean()).isFalse();
        assertThat(summary(run.json())).containsExactlyInAnyOrder(
                "secret-shared | AUTH_SECRET | dev | env/dev.env | 4 | open",
                "secret-shared | TWILIO_AUTH_TOKEN | prod | env/prod.env | 9 | open",
                "secret-shared | DATABASE_URL | staging | env/staging.env | 7 | open",
                "secret-shared | DATABASE_URL | prod | env/prod.env | 7 | open",
                "identity-shared | EMAIL_FROM_EMAIL | dev | env/dev.env | 13 | open",
                "identity-shared | EMAIL_FROM_EMAIL | staging | env/staging.env | 14 | open",
                "identity-shared | APP_URL | staging | env/staging.env | 4 | open",
                "identity-shared | APP_URL | prod | env/prod.env | 4 | open",
                "example-secret | TWILIO_AUTH_TOKEN | - | env.example | 19 | open",
                "example-secret | EMAIL_API_KEY | - | env.example | 20 | open",
                "example-secret | UPSTASH_REDIS_REST_TOKEN | - | env.example | 21 | open",
                "example-secret | BLOB_READ_WRITE_TOKEN | - | env.example | 22 | open",
                "example-secret | SMTP_URL | - | env.example | 23 | open",
                "hardcoded-secret | TWILIO_AUTH_TOKEN | - | src/main/java/org/example/campaigns/Settings.java | 19 | open",
                "hardcoded-secret | AUTH_SECRET | - | src/main/java/org/example/campaigns/Settings.java | 20 | open",
                "hardcoded-secret | - | - | src/main/js/mailer.ts | 8 | open",
                "hardcoded-secret | TWILIO_WEBHOOK_SIGNING_SECRET | - | src/main/kotlin/org/example/campaigns/Webhooks.kt | 7 | open",
                "hardcoded-secret | EMAIL_API_KEY | - | src/main/resources/application.properties | 7 | open",
                "hardcoded-secret | - | - | src/main/resources/application.properties | 8 | open",
                "hardcoded-secret | - | - | src/main/resources/keys/webhook-signing.pem | 1 | waived",
                "hardcoded-secret | TWILIO_AUTH_TOKEN | - | src/test/java/org/example/campaigns/SignatureTest.java | 6 | waived",
                "hardcoded-secret | BLOB_READ_WRITE_TOKEN | - | src/test/java/org/example/campaigns/SignatureTest.java | 8 | open");
    }

    @Test
    void noSecretValueAppearsInAnyOutput() throws IOException {
        Set<String> values = new HashSet<>();
        for (String file : ENV_FILES) {
            Variables vars = Variables.builder().addAll(DotEnvReader.read(Path.of(file))).build();
            org.sosops.env.core.hygiene.SecretValues.of(vars).forEach(s -> values.add(s.secret().reveal()));
        }
        DotEnvReader.read(Path.of(ROOT + "env.example")).stream()
                .filter(v -> org.sosops.env.core.hygiene.SecretNames.isSecret(v.name()) && v.value().length() >= 8)
                .forEach(v -> values.add(v.value()));
        org.sosops.env.core.hygiene.scan.SourceScanner.standard().scan(Path.of(ROOT + "src")).secrets()
                .forEach(s -> values.add(s.secret().reveal().lines().findFirst().orElseThrow()));
        values.add("Q7vLr2xNp9TzK4mW");
        assertThat(values).hasSizeGreaterThan(30);

        List<Run> runs = List.of(run(allInputs()), run(allInputs("--format", "json")),
                run("secrets", "fingerprint", "--env-file", ENV_FILES[0]),
                run("secrets", "fingerprint", "--env-file", ENV_FILES[2], "--format", "json"),
                run("secrets", "--scan", ROOT + "src", "--baseline", dir.resolve("b.txt").toString(), "--write-baseline"));
        String baseline = Files.readString(dir.resolve("b.txt"));
        for (String value : values) {
            for (Run r : runs) {
                assertThat(r.out()).doesNotContain(value);
                assertThat(r.err()).doesNotContain(value);
            }
            assertThat(baseline).doesNotContain(value);
        }
    }

    @Test
    void anyOneInputAloneIsAValidCallAndCleanInputExitsZero() throws IOException {
        assertThat(run("secrets", "--env-file", "../examples/env/dev.env", "--env-file", "../examples/env/prod.env").code())
                .isEqualTo(0);
        Files.writeString(dir.resolve(".env.example"), "AUTH_SECRET=\nEMAIL_API_KEY=SG.your-key-here\n");
        Run example = run("secrets", "--example", dir.resolve(".env.example").toString());
        assertThat(example.code()).isEqualTo(0);
        assertThat(example.out()).contains("OK");
        Files.writeString(dir.resolve("App.java"), "String s = System.getenv(\"AUTH_SECRET\");\n");
        assertThat(run("secrets", "--scan", dir.toString(), "--format", "json").json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void aFileWithoutACanonicalAppEnvIsReportedNotCompared() throws IOException {
        Path file = dir.resolve("x.env");
        Files.writeString(file, "APP_ENV=production\nAUTH_SECRET=" + "d1eb54aff8b6e646bf27074c5443c8a0" + "\n");
        Run run = run("secrets", "--env-file", file.toString(), ENV_FILES[0], "--format", "json");

        assertThat(run.code()).isEqualTo(1);
        assertThat(summary(run.json())).containsExactly(
                "app-env-invalid | APP_ENV | - | " + file + " | 1 | open");
        assertThat(run.json().get("findings").get(0).get("message").asText()).contains("did you mean prod?");
    }

    @Test
    void usageAndInputErrorsExitTwoWithOneLineOnStderr() throws IOException {
        Path malformed = Path.of("../examples/env/malformed.env");
        Path badBaseline = dir.resolve("baseline.txt");
        Files.writeString(badBaseline, "salt nothex\n");
        List<String[]> calls = List.of(
                new String[] {"secrets"},
                new String[] {"secrets", "--env-file", dir.resolve("missing.env").toString()},
                new String[] {"secrets", "--env-file", malformed.toString()},
                new String[] {"secrets", "--example", malformed.toString()},
                new String[] {"secrets", "--scan", dir.resolve("nowhere").toString()},
                new String[] {"secrets", "--scan", dir.toString(), "--baseline", badBaseline.toString()},
                new String[] {"secrets", "--scan", dir.toString(), "--baseline", dir.resolve("none.txt").toString()},
                new String[] {"secrets", "--example", ROOT + "env.example", "--baseline", badBaseline.toString()},
                new String[] {"secrets", "--scan", dir.toString(), "--write-baseline"},
                new String[] {"secrets", "--bogus"},
                new String[] {"secrets", "fingerprint"},
                new String[] {"secrets", "fingerprint", "--env-file", malformed.toString()});
        for (String[] call : calls) {
            Run run = run(call);
            assertThat(run.code()).as(String.join(" ", call)).isEqualTo(2);
            assertThat(run.out()).as(String.join(" ", call)).isEmpty();
            assertThat(run.err().strip()).as(String.join(" ", call)).isNotEmpty().doesNotContain("\n")
                    .doesNotContain("Exception").startsWith("sosops-env secrets");
        }
        assertThat(run("secrets", "--env-file", malformed.toString()).err()).contains("malformed.env:3");
    }

    @Test
    void aWrittenBaselineAcceptsEveryReviewedSecretOnTheNextRun() {
        Path baseline = dir.resolve("reviewed.txt");
        Run write = run("secrets", "--scan", ROOT + "src", "--baseline", baseline.toString(), "--write-baseline");
        assertThat(write.code()).isEqualTo(0);
        assertThat(write.out()).contains("wrote 8 reviewed secret(s)");

        Run again = run("secrets", "--scan", ROOT + "src", "--baseline", baseline.toString(), "--format", "json");
        assertThat(again.code()).isEqualTo(0);
        assertThat(again.json().get("findings")).allSatisfy(f -> assertThat(f.get("waived").asBoolean()).isTrue());
    }

    @Test
    void fingerprintPrintsSaltedEntriesThatAProdHostUsesToRefuseASharedSecret() throws IOException {
        Run dev = run("secrets", "fingerprint", "--env-file", ENV_FILES[0]);
        assertThat(dev.code()).isEqualTo(0);
        FingerprintList list = FingerprintList.parse("stdout", dev.out());
        assertThat(list.entries()).extracting(e -> e.label()).containsExactlyInAnyOrder(
                "AUTH_SECRET", "DATABASE_URL#password", "TWILIO_AUTH_TOKEN", "EMAIL_API_KEY", "UPSTASH_REDIS_REST_TOKEN");
        assertThat(list.entries()).allSatisfy(e -> assertThat(e.environment()).isEqualTo("dev"));

        Path file = dir.resolve("dev.fingerprints");
        Files.writeString(file, dev.out());
        Map<String, String> prod = new HashMap<>(Variables.builder()
                .addAll(DotEnvReader.read(Path.of(ENV_FILES[2]))).build().toPlainMap());
        prod.put(SharedSecretStartupRule.FILE_SETTING, file.toString());
        assertThatThrownBy(() -> EnvironmentPolicy.loader().processEnvironment(prod).ignoreProcessSettings().load())
                .hasMessageContaining("[secret-shared]")
                .hasMessageContaining("TWILIO_AUTH_TOKEN has the same value as AUTH_SECRET in dev");

        JsonNode json = run("secrets", "fingerprint", "--env-file", ENV_FILES[1], "--format", "json").json();
        assertThat(json.get("environment").asText()).isEqualTo("staging");
        assertThat(json.get("fingerprints").get(0).get("fingerprint").asText()).matches("[0-9a-f]{12}");
        assertThat(json.get("fingerprints").get(0).get("entry").asText())
                .startsWith("sosops-fp2:staging:").contains(":pbkdf2-sha256:60000:");
    }

    @Test
    void fingerprintWithTheSameSaltAsAnotherListMakesOneCombinedListOfOneSalt() throws IOException {
        Path dev = dir.resolve("dev.fingerprints");
        Files.writeString(dev, run("secrets", "fingerprint", "--env-file", ENV_FILES[0]).out());
        Run staging = run("secrets", "fingerprint", "--env-file", ENV_FILES[1], "--same-salt-as", dev.toString());
        assertThat(staging.code()).as(staging.err()).isZero();
        FingerprintList combined = FingerprintList.parse("combined", Files.readString(dev) + staging.out());
        assertThat(combined.parameterSets()).hasSize(1);
        assertThat(combined.entries()).extracting(e -> e.environment()).contains("dev", "staging");

        Path old = dir.resolve("old.fingerprints");
        Files.writeString(old, "sosops-fp1:dev:AUTH_SECRET:" + "ab".repeat(16) + ":" + "cd".repeat(32) + "\n");
        Run refused = run("secrets", "fingerprint", "--env-file", ENV_FILES[1], "--same-salt-as", old.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("sosops-fp1 entry").contains("no longer accepted");
    }

    @Test
    void theCheckCommandAppliesOtherEnvironmentsFingerprintsLikeTheStartUpCall() throws IOException {
        Path fingerprints = dir.resolve("dev.fingerprints");
        Files.writeString(fingerprints, run("secrets", "fingerprint", "--env-file", ENV_FILES[0]).out());
        Path settings = dir.resolve("settings.env");
        Files.writeString(settings, SharedSecretStartupRule.FILE_SETTING + "=" + fingerprints + "\n");

        Run check = run("check", "--env-file", ENV_FILES[2], settings.toString(), "--format", "json");

        assertThat(check.code()).isEqualTo(1);
        assertThat(summary(check.json())).contains("secret-shared | TWILIO_AUTH_TOKEN | prod | env/prod.env | 9 | open");
        assertThat(run("check", "--env-file", ENV_FILES[2], "--format", "json").json().toString())
                .doesNotContain("secret-shared");
    }

    @Test
    void helpListsTheFingerprintSubcommand() {
        Run help = run("secrets", "--help");
        assertThat(help.code()).isEqualTo(0);
        assertThat(help.out()).contains("fingerprint").contains("--env-file").contains("--scan");
    }
}
