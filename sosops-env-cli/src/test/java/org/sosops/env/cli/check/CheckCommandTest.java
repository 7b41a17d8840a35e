package org.sosops.env.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sosops.env.cli.CliRun.run;
import static org.sosops.env.cli.CliRun.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sosops.env.cli.CliRun;

class CheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINDING_FIELDS = Set.of("rule", "variable", "environment", "file", "line",
            "severity", "message", "waived", "waiver");

    @TempDir
    Path dir;

    private static JsonNode json(CliRun run) throws IOException {
        return JSON.readTree(run.out());
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local.env", "dev.env", "staging.env", "prod.env"})
    void aCleanSampleExitsZeroAndSaysOk(String name) {
        CliRun run = run("check", "--env-file", sample(name).toString());
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("OK\n");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local.env", "dev.env", "staging.env", "prod.env"})
    void aCleanSampleInJsonIsOkWithNoFindings(String name) throws IOException {
        CliRun run = run("check", "--env-file", sample(name).toString(), "--format", "json");
        assertThat(run.code()).isZero();
        assertThat(json(run)).isEqualTo(JSON.readTree("{\"ok\": true, \"findings\": []}"));
    }

    @Test
    void theBrokenStagingSampleListsEveryProblemAndExitsOne() {
        String file = sample("staging.broken.env").toString();
        CliRun run = run("check", "--env-file", file);
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(String.join("\n",
                file + ":8: error [required-missing] (staging) TWILIO_AUTH_TOKEN is blank; it is required in staging (32 hex characters)",
                "error [required-missing] (staging) EMAIL_WEBHOOK_SIGNING_SECRET is missing; it is required in staging "
                        + "(SendGrid: the base64 verification key; Postmark: the shared token)",
                file + ":3: error [value-invalid] (staging) APP_URL must use https in staging",
                file + ":4: error [secret-weak] (staging) AUTH_SECRET is a placeholder, not a real secret",
                file + ":5: error [value-invalid] (staging) LOG_LEVEL must be one of trace, debug, info, warn, error",
                file + ":7: error [value-invalid] (staging) TWILIO_ACCOUNT_SID must be AC followed by 32 lower-case hex characters",
                file + ":11: error [secret-weak] (staging) EMAIL_API_KEY is a placeholder, not a real secret",
                file + ":13: error [value-invalid] (staging) EMAIL_FROM_EMAIL must be an e-mail address",
                file + ":6: error [database-separation] (staging) DATABASE_URL names database 'sos_ops_dev'; in staging it must be 'sos_ops_staging'",
                file + ":6: error [database-separation] (staging) DATABASE_URL points at a local host ('localhost'); staging needs its own database server",
                "10 problems", ""));
    }

    @Test
    void theBrokenProdSampleSuggestsTheCanonicalName() {
        CliRun run = run("check", "--env-file", sample("prod.broken.env").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("[app-env-invalid] APP_ENV 'production' is not canonical; did you mean prod?")
                .contains("[secret-weak] AUTH_SECRET has too little randomness");
    }

    @Test
    void jsonHasTheContractShapeWithAbsentFieldsOmitted() throws IOException {
        Path env = file("dev.env", "APP_ENV=dev\nAPP_URL=https://dev.example.org\nLOG_LEVEL=loud\n");
        CliRun run = run("check", "--env-file", env.toString(), "--format", "json");
        assertThat(run.code()).isEqualTo(1);
        JsonNode root = json(run);
        assertThat(root.fieldNames()).toIterable().containsExactly("ok", "findings");
        assertThat(root.get("ok").asBoolean()).isFalse();
        JsonNode first = root.get("findings").get(0);
        assertThat(first).isEqualTo(JSON.readTree("{\"rule\": \"required-missing\", \"variable\": \"AUTH_SECRET\", "
                + "\"environment\": \"dev\", \"severity\": \"error\", \"message\": "
                + "\"AUTH_SECRET is missing; it is required in dev (at least 32 characters and not a placeholder)\"}"));
        JsonNode located = null;
        for (JsonNode finding : root.get("findings")) {
            assertThat(finding.fieldNames()).toIterable().isSubsetOf(FINDING_FIELDS);
            assertThat(finding.get("severity").asText()).isEqualTo("error");
            if (finding.get("rule").asText().equals("value-invalid")) {
                located = finding;
            }
        }
        assertThat(located).isEqualTo(JSON.readTree("{\"rule\": \"value-invalid\", \"variable\": \"LOG_LEVEL\", "
                + "\"environment\": \"dev\", \"file\": " + JSON.writeValueAsString(env.toString()) + ", \"line\": 3, "
                + "\"severity\": \"error\", \"message\": \"LOG_LEVEL must be one of trace, debug, info, warn, error\"}"));
        assertThat(located.get("line").isInt()).isTrue();
        assertThat(root.get("findings")).hasSize(13);
    }

    @Test
    void jsonOfAnUnknownEnvironmentOmitsTheEnvironment() throws IOException {
        CliRun run = run("check", "--env-file", sample("prod.broken.env").toString(), "--format", "json");
        JsonNode finding = json(run).get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("app-env-invalid");
        assertThat(finding.has("environment")).isFalse();
        assertThat(finding.get("line").asInt()).isEqualTo(2);
    }

    @Test
    void aMissingFileExitsTwoWithOneLineOnStandardError() {
        Path missing = dir.resolve("nope.env");
        for (String format : List.of("text", "json")) {
            CliRun run = run("check", "--env-file", missing.toString(), "--format", format);
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isEqualTo("sosops-env check: " + missing + ": file not found\n");
        }
    }

    @Test
    void aMalformedLineExitsTwoNamingFileAndLine() {
        String file = sample("malformed.env").toString();
        CliRun run = run("check", "--env-file", file);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("sosops-env check: " + file + ":3: expected NAME=value\n");
    }

    @Test
    void severalMalformedLinesStillGiveOneLine() throws IOException {
        Path env = file("bad.env", "A=1\nB\nC='x\nA=2\n");
        CliRun run = run("check", "--env-file", env.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sosops-env check: " + env + ":2: expected NAME=value (and 2 more)\n");
    }

    @Test
    void aFileThatIsNotUtf8ExitsTwo() throws IOException {
        Path env = Files.write(dir.resolve("latin1.env"), "EMAIL_FROM_NAME=Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun run = run("check", "--env-file", env.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sosops-env check: " + env + ": is not valid UTF-8 text\n");
    }

    @Test
    void anUnknownEnvExitsTwoWithASuggestion() {
        CliRun run = run("check", "--env-file", sample("prod.env").toString(), "--env", "production");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("sosops-env check: --env 'production' is not an environment; did you mean prod?\n");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        CliRun badFormat = run("check", "--env-file", sample("prod.env").toString(), "--format", "yaml");
        assertThat(badFormat.code()).isEqualTo(2);
        assertThat(badFormat.err()).startsWith("sosops-env check: ").contains("--format").endsWith("(see --help)\n")
                .hasLineCount(1);
        CliRun unknownOption = run("check", "--env-fil", "x");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).hasLineCount(1);
        CliRun badDate = run("check", "--env-file", sample("prod.env").toString(), "--as-of", "tomorrow");
        assertThat(badDate.code()).isEqualTo(2);
        assertThat(badDate.err()).hasLineCount(1).contains("--as-of");
    }

    @Test
    void envValidatesAsTheNamedEnvironment() {
        assertThat(run("check", "--env-file", sample("staging.env").toString(), "--env", "staging").code()).isZero();
        CliRun asProd = run("check", "--env-file", sample("staging.env").toString(), "--env", "prod");
        assertThat(asProd.code()).isEqualTo(1);
        assertThat(asProd.out()).contains("error [app-env-invalid] (prod) APP_ENV is staging but the environment being validated is prod")
                .contains("[database-separation] (prod) DATABASE_URL names database 'sos_ops_staging'");
    }

    @Test
    void envCheckesAFileWithoutAppEnvAsThatEnvironment() throws IOException {
        Path env = file("no-app-env.env", Files.readString(sample("dev.env")).replace("APP_ENV=dev\n", ""));
        CliRun run = run("check", "--env-file", env.toString(), "--env", "dev");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("error [app-env-invalid] (dev) APP_ENV is missing; set it to one of local, dev, staging, prod\n1 problem\n");
    }

    @Test
    void laterFilesWin() throws IOException {
        Path override = file("override.env", "LOG_LEVEL=verbose\n");
        CliRun broken = run("check", "--env-file", sample("dev.env").toString(), "--env-file", override.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).isEqualTo(override + ":1: error [value-invalid] (dev) LOG_LEVEL must be one of "
                + "trace, debug, info, warn, error\n1 problem\n");
        CliRun fixed = run("check", "--env-file", override.toString(), sample("dev.env").toString());
        assertThat(fixed.code()).as("several files after one --env-file").isZero();
    }

    @Test
    void theProcessEnvironmentFillsOnlyNamesNoFileSets() throws Exception {
        Path withoutSender = file("dev.env", Files.readString(sample("dev.env")).replace("EMAIL_FROM_NAME=\"SOS Ops Dev\"\n", ""));
        CliRun missing = CliRun.runInNewJvm(Map.of(), "check", "--env-file", withoutSender.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.out()).contains("EMAIL_FROM_NAME is missing");
        CliRun filled = CliRun.runInNewJvm(Map.of("EMAIL_FROM_NAME", "From The Process", "LOG_LEVEL", "verbose"),
                "check", "--env-file", withoutSender.toString());
        assertThat(filled.err()).isEmpty();
        assertThat(filled.out()).isEqualTo("OK\n");
        assertThat(filled.code()).as("LOG_LEVEL=verbose from the process does not override the file's info").isZero();
    }

    @Test
    void theSampleRegisterWaivesExpiresAndReports() throws IOException {
        String register = CliRun.EXAMPLES.resolve("RISKS_DECISIONS.md").toString();
        CliRun run = run("check", "--env-file", sample("staging.broken.env").toString(), "--register", register,
                "--as-of", "2026-11-22", "--format", "json");
        assertThat(run.code()).isEqualTo(1);
        List<JsonNode> findings = new ArrayList<>();
        json(run).get("findings").forEach(findings::add);
        JsonNode authSecret = findings.stream().filter(f -> f.path("variable").asText().equals("AUTH_SECRET")).findFirst().orElseThrow();
        assertThat(authSecret.get("waived").asBoolean()).isTrue();
        assertThat(authSecret.get("waiver").asText()).isEqualTo(register + ":6 (RD-001 Staging keeps a placeholder AUTH_SECRET until the identity cut-over)");
        JsonNode logLevel = findings.stream().filter(f -> f.path("variable").asText().equals("LOG_LEVEL")
                && f.path("file").asText().endsWith(".env")).findFirst().orElseThrow();
        assertThat(logLevel.has("waived")).as("the expired RD-002 waives nothing").isFalse();
        assertThat(findings).filteredOn(f -> f.path("file").asText().equals(register)).singleElement().satisfies(f -> {
            assertThat(f.get("line").asInt()).isEqualTo(17);
            assertThat(f.get("rule").asText()).isEqualTo("value-invalid");
            assertThat(f.get("message").asText()).startsWith("exception 'RD-002 Verbose logs in staging while debugging the SMS provider' expired on 2026-10-31");
        });
        CliRun text = run("check", "--env-file", sample("staging.broken.env").toString(), "--register", register,
                "--as-of", "2026-11-22");
        assertThat(text.out()).contains("(waived by " + register + ":6 (RD-001").endsWith("10 problems (1 waived)\n");
    }

    @Test
    void theSampleRegistersIncompleteEntryIsReportedForItsEnvironment() {
        String register = CliRun.EXAMPLES.resolve("RISKS_DECISIONS.md").toString();
        CliRun run = run("check", "--env-file", sample("prod.env").toString(), "--register", register, "--as-of", "2026-11-22");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(register + ":27: error [database-separation] (prod) exception "
                + "'RD-003 Prod database on a shared host during the migration' waives nothing: has no Rollback plan; "
                + "has no Approved by\n1 problem\n");
    }

    @Test
    void aValidWaiverTurnsTheOnlyFindingIntoAPass() throws IOException {
        Path weak = file("weak.env", "AUTH_SECRET=changeme\n");
        Path register = file("RISKS_DECISIONS.md", """
                ## RD-9 placeholder secret in dev
                - Rule: secret-weak
                - Environment: dev
                - Rationale: r
                - Expires: 2026-12-01
                - Rollback plan: p
                - Approved by: A (2026-11-01)
                """);
        CliRun run = run("check", "--env-file", sample("dev.env").toString(), weak.toString(), "--register",
                register.toString(), "--as-of", "2026-12-01");
        assertThat(run.code()).isZero();
        assertThat(run.out()).endsWith("OK (1 waived)\n");
        assertThat(run("check", "--env-file", sample("dev.env").toString(), weak.toString(), "--register",
                register.toString(), "--as-of", "2026-12-02").code()).isEqualTo(1);
    }

    @Test
    void anUnreadableRegisterExitsTwo() {
        Path missing = dir.resolve("RISKS_DECISIONS.md");
        CliRun run = run("check", "--env-file", sample("dev.env").toString(), "--register", missing.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("sosops-env check: " + missing + ": exception register not found\n");
    }

    @Test
    void helpAndVersionExitZero() {
        CliRun help = run("check", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--env-file").contains("--format").contains("--register").contains("--as-of");
        assertThat(run("--version").code()).isZero();
    }
}
