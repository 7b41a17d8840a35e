package org.sosops.env.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.CliRun;
import org.sosops.env.core.rules.RuleId;

/**
 * {@code --format sarif} of every findings command, validated against the official SARIF 2.1.0
 * schema (src/test/resources/sarif, source named in its README) for a clean run, a run with
 * findings and a run whose findings are baselined or waived.
 */
class SarifOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static JsonSchema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = SarifOutputTest.class.getResourceAsStream("/sarif/sarif-2.1.0.json")) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    /** Runs the command with {@code --format sarif}, checks the exit code, validates and returns the log. */
    private static JsonNode sarif(int expectedExit, String... args) throws IOException {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--format", "sarif"));
        CliRun run = CliRun.run(all.toArray(String[]::new));
        assertThat(run.code()).as(run.err() + run.out()).isEqualTo(expectedExit);
        JsonNode log = JSON.readTree(run.out());
        Set<ValidationMessage> errors = schema.validate(log);
        assertThat(errors).as("SARIF schema violations of " + String.join(" ", args)).isEmpty();
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("runs")).hasSize(1);
        JsonNode driver = log.get("runs").get(0).get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("sosops-env");
        assertThat(driver.get("version").asText()).isEqualTo(BuildInfo.current().version()).isNotEqualTo("unknown");
        assertThat(driver.get("informationUri").asText()).startsWith("https://");
        Set<String> ruleIds = new HashSet<>();
        for (JsonNode rule : driver.get("rules")) {
            ruleIds.add(rule.get("id").asText());
            assertThat(rule.get("shortDescription").get("text").asText()).isNotBlank();
            assertThat(rule.get("fullDescription").get("text").asText()).isNotBlank()
                    .isNotEqualTo(rule.get("shortDescription").get("text").asText());
            assertThat(rule.get("help").get("text").asText()).isNotBlank();
        }
        assertThat(ruleIds).containsAll(Arrays.stream(RuleId.values()).map(RuleId::id).toList());
        for (JsonNode result : results(log)) {
            assertThat(ruleIds).contains(result.get("ruleId").asText());
        }
        return log;
    }

    private static JsonNode results(JsonNode log) {
        return log.get("runs").get(0).get("results");
    }

    private static JsonNode result(JsonNode log, String ruleId) {
        for (JsonNode result : results(log)) {
            if (result.get("ruleId").asText().equals(ruleId)) {
                return result;
            }
        }
        throw new AssertionError("no result of " + ruleId + " in " + log);
    }

    @Test
    void checkWritesValidSarifForACleanABrokenAndAWaivedEnvironment() throws IOException {
        assertThat(results(sarif(0, "check", "--env-file", EXAMPLES.resolve("env/staging.env").toString()))).isEmpty();

        JsonNode broken = sarif(1, "check", "--env-file", EXAMPLES.resolve("env/staging.broken.env").toString());
        JsonNode separation = result(broken, "database-separation");
        assertThat(separation.get("level").asText()).isEqualTo("error");
        assertThat(separation.get("message").get("text").asText()).startsWith("(staging) ");
        JsonNode location = separation.get("locations").get(0).get("physicalLocation");
        // Relative to the directory the command runs in, with "/" and no "./" or "..": what code scanning places.
        assertThat(location.get("artifactLocation").get("uri").asText()).isEqualTo("../examples/env/staging.broken.env");
        assertThat(location.get("region").get("startLine").asInt()).isPositive();
        assertThat(separation.has("suppressions")).isFalse();

        JsonNode waived = sarif(1, "check", "--env-file", EXAMPLES.resolve("env/staging.broken.env").toString(),
                "--register", EXAMPLES.resolve("RISKS_DECISIONS.md").toString(), "--as-of", "2026-11-25");
        JsonNode weak = result(waived, "secret-weak");
        JsonNode suppression = weak.get("suppressions").get(0);
        assertThat(suppression.get("kind").asText()).isEqualTo("external");
        assertThat(suppression.get("justification").asText()).contains("RD-001");
    }

    @Test
    void anAbsoluteFileUnderTheCurrentDirectoryIsWrittenRelativeAndOneElsewhereAsAFileUri() throws IOException {
        Path inside = Path.of("target", "sarif-inside.env").toAbsolutePath();
        Files.createDirectories(inside.getParent());
        Files.writeString(inside, "APP_ENV=staging\nAPP_URL=http://x.example.org\n");
        Path outside = dir.resolve("a dir, with: odd%chars").resolve("staging.env");
        Files.createDirectories(outside.getParent());
        Files.copy(inside, outside);

        JsonNode near = sarif(1, "check", "--env-file", inside.toString());
        assertThat(result(near, "value-invalid").get("locations").get(0).get("physicalLocation")
                .get("artifactLocation").get("uri").asText()).isEqualTo("target/sarif-inside.env");
        JsonNode far = sarif(1, "check", "--env-file", outside.toString());
        assertThat(result(far, "value-invalid").get("locations").get(0).get("physicalLocation")
                .get("artifactLocation").get("uri").asText()).startsWith("file:///").contains("a%20dir,%20with:%20odd%25chars");
    }

    @Test
    void secretsMarksBaselinedSecretsExternalAndAllowCommentsInSource() throws IOException {
        Path secrets = EXAMPLES.resolve("secrets");
        assertThat(results(sarif(0, "secrets", "--env-file", EXAMPLES.resolve("env/staging.env").toString()))).isEmpty();

        JsonNode log = sarif(1, "secrets", "--scan", secrets.resolve("src").toString(),
                "--baseline", secrets.resolve("secrets-baseline.txt").toString());
        Set<String> kinds = new HashSet<>();
        int open = 0;
        for (JsonNode result : results(log)) {
            assertThat(result.get("ruleId").asText()).isEqualTo("hardcoded-secret");
            if (result.has("suppressions")) {
                JsonNode suppression = result.get("suppressions").get(0);
                kinds.add(suppression.get("kind").asText());
                assertThat(suppression.get("justification").asText()).isNotBlank();
            } else {
                open++;
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("external", "inSource");
        assertThat(open).isEqualTo(7);
    }

    @Test
    void migrationsCheckPlacesEachStatementAndMarksBaselinedOnesExternal() throws IOException {
        Path migrations = EXAMPLES.resolve("migrations");
        JsonNode fresh = sarif(1, "migrations", "check", migrations.toString());
        assertThat(results(fresh)).hasSize(9);
        JsonNode first = results(fresh).get(0);
        assertThat(first.get("ruleId").asText()).isEqualTo("migration-risky");
        assertThat(first.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("../examples/migrations/flyway/V1_1__retire_lists.sql");
        assertThat(first.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt()).isEqualTo(2);
        assertThat(first.get("message").get("text").asText()).isEqualTo("DROP TABLE: DROP TABLE IF EXISTS legacy_lists");

        Path baseline = dir.resolve("baseline.json");
        assertThat(CliRun.run("migrations", "baseline", migrations.toString(), "--baseline", baseline.toString()).code()).isZero();
        JsonNode reviewed = sarif(0, "migrations", "check", migrations.toString(), "--baseline", baseline.toString());
        assertThat(results(reviewed)).hasSize(9);
        for (JsonNode result : results(reviewed)) {
            assertThat(result.get("suppressions").get(0).get("kind").asText()).isEqualTo("external");
        }

        Path empty = Files.createDirectories(dir.resolve("none"));
        assertThat(results(sarif(0, "migrations", "check", empty.toString()))).isEmpty();
    }

    @Test
    void launchGateReportsEachProblemOfAFailingItemUnderTheItemsRule() throws IOException {
        Path secrets = EXAMPLES.resolve("secrets");
        JsonNode nogo = sarif(1, "launch-gate", "--env-file", secrets.resolve("env/prod.env").toString(),
                "--compare-env-file", secrets.resolve("env/dev.env").toString(),
                "--example", secrets.resolve("env.example").toString(), "--skip", "environment,migrations");
        JsonNode problem = result(nogo, "launch-gate/secrets");
        assertThat(problem.get("level").asText()).isEqualTo("error");
        assertThat(problem.get("message").get("text").asText()).isNotBlank();

        JsonNode go = sarif(0, "launch-gate", "--env-file", EXAMPLES.resolve("env/staging.env").toString(),
                "--skip", "secrets,migrations");
        assertThat(results(go)).isEmpty();
    }

    @Test
    void otherCommandsRefuseTheFindingsFormats() {
        CliRun run = CliRun.run("flags", "resolve", "--org", "org_1", "--format", "sarif");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--format");
    }
}
