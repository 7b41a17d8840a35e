package org.sosops.env.cli.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.Main;
import org.sosops.env.cli.support.ProcessEnvironment;
import org.sosops.env.core.testsupport.ScratchDatabase;

class FlagsCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The variables the commands see instead of the process environment. */
    private final Map<String, String> environment = new HashMap<>();
    private UnaryOperator<String> previous;

    @BeforeEach
    void plantEnvironment() {
        previous = ProcessEnvironment.replace(environment::get);
    }

    @AfterEach
    void restoreEnvironment() {
        ProcessEnvironment.replace(previous);
    }

    private record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path envFile(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "staging", ".env");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void flagsResolvePrintsTheContractJsonWithSources() throws IOException {
        Path env = envFile("APP_ENV=staging",
                "FEATURE_FLAG_ENV_OVERRIDES_JSON={\"flag_key\": true, \"other\": false}",
                "FEATURE_FLAG_ORG_OVERRIDES_JSON={\"org_123\": {\"flag_key\": false}, \"org_9\": {\"beta\": true}}");
        Run run = run("flags", "resolve", "--org", "org_123", "--env-file", env.toString(), "--format", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json()).isEqualTo(JSON.readTree("{\"organization_id\": \"org_123\", \"environment\": \"staging\","
                + "\"flags\": {\"beta\": {\"value\": false, \"source\": \"default\"},"
                + "\"flag_key\": {\"value\": false, \"source\": \"org\"},"
                + "\"other\": {\"value\": false, \"source\": \"env\"}}}"));
    }

    @Test
    void flagsResolvePrintsTextByDefault() throws IOException {
        Path env = envFile("APP_ENV=dev", "FEATURE_FLAG_ENV_OVERRIDES_JSON={\"flag_key\": true}");
        Run run = run("flags", "resolve", "--org", "org_1", "--env-file", env.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("flags for organization org_1 in dev").containsPattern("flag_key\\s+true\\s+\\(env\\)");
    }

    @Test
    void badOverrideJsonExitsTwoWithOneLineNamingVariableAndPosition() throws IOException {
        Path env = envFile("APP_ENV=staging", "FEATURE_FLAG_ORG_OVERRIDES_JSON={\"org_123\": {\"a\": true,}}");
        Run run = run("flags", "resolve", "--org", "org_123", "--env-file", env.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n")
                .contains(env + ":2: FEATURE_FLAG_ORG_OVERRIDES_JSON is invalid at JSON line 1, column 24");
    }

    @Test
    void theDatabaseLayerAnswersBelowTheOverrides() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("cliflags")) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE sosops_feature_flags (flag_key text PRIMARY KEY, value jsonb NOT NULL,"
                        + " updated_at timestamptz NOT NULL DEFAULT now())");
                s.execute("INSERT INTO sosops_feature_flags (flag_key, value) VALUES ('from_db', 'true'), ('flag_key', 'false')");
            }
            Path env = envFile("APP_ENV=staging", "FEATURE_FLAG_ENV_OVERRIDES_JSON={\"flag_key\": true}");
            environment.put("FLAGS_DB", db.databaseUrl());
            Run run = run("flags", "resolve", "--org", "org_1", "--env-file", env.toString(),
                    "--database-url-env", "FLAGS_DB", "--format", "json");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.json().get("flags")).isEqualTo(JSON.readTree(
                    "{\"flag_key\": {\"value\": true, \"source\": \"env\"}, \"from_db\": {\"value\": true, \"source\": \"db\"}}"));
        }
    }

    @Test
    void anUnreachableDatabaseExitsTwoNamingTheTargetButNeverThePassword() throws IOException {
        Path env = envFile("APP_ENV=staging");
        environment.put("DATABASE_URL", "postgresql://app:hunter2-secret@127.0.0.1:1/sos_ops_staging");
        Run run = run("flags", "resolve", "--org", "org_1", "--env-file", env.toString(), "--database-url-env");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("app@127.0.0.1:1/sos_ops_staging").doesNotContain("hunter2-secret");
        assertThat(run.err().strip()).doesNotContain("\n");
    }

    @Test
    void aMissingFlagTableExitsTwoNamingTheTable() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("cliflags")) {
            environment.put("DATABASE_URL", db.databaseUrl());
            Run run = run("flags", "resolve", "--org", "org_1", "--env", "dev", "--table", "tenant_flags",
                    "--database-url-env", "DATABASE_URL");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("cannot read flag table tenant_flags in postgres@127.0.0.1:5432/" + db.name());
        }
    }

    @Test
    void anUnsafeTableNameIsAnInputError() {
        environment.put("DATABASE_URL", "postgresql://127.0.0.1/sos_ops_dev");
        Run run = run("flags", "resolve", "--org", "org_1", "--env", "dev", "--table", "flags;drop table x",
                "--database-url-env");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--table: flag table name must match");
    }

    @Test
    void theDatabaseUrlIsNeverAnArgument() throws IOException {
        Path env = envFile("APP_ENV=staging");
        Run run = run("flags", "resolve", "--database-url", "postgresql://app:hunter2-secret@127.0.0.1:1/sos_ops_staging",
                "--org", "org_1", "--env-file", env.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("sosops-env flags resolve: unknown option --database-url;"
                + " unexpected argument at position 4 (see --help)");
    }

    @Test
    void anExportedDatabaseUrlIsNotReadUnlessAskedFor() throws IOException {
        environment.put("DATABASE_URL", "postgresql://app:hunter2-secret@127.0.0.1:1/sos_ops_staging");
        Run run = run("flags", "resolve", "--org", "org_1", "--env-file", envFile("APP_ENV=staging").toString());
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void aNamedButUnsetVariableIsOneLineNamingIt() throws IOException {
        Path env = envFile("APP_ENV=staging");
        Run run = run("flags", "resolve", "--org", "org_1", "--env-file", env.toString(), "--database-url-env", "FLAGS_DB");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("sosops-env flags resolve: FLAGS_DB is not set; export the database URL in FLAGS_DB"
                + " or name another variable with --database-url-env");
    }

    @Test
    void aUrlPassedWhereTheVariableNameBelongsIsNotEchoed() throws IOException {
        Path env = envFile("APP_ENV=staging");
        Run run = run("flags", "resolve", "--org", "org_1", "--env-file", env.toString(),
                "--database-url-env", "postgresql://app:hunter2-secret@db/sos_ops_staging");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--database-url-env takes the name of an environment variable")
                .doesNotContain("hunter2-secret");
    }

    @Test
    void aMalformedUrlInTheVariableNamesTheVariableNotTheValue() throws IOException {
        Path env = envFile("APP_ENV=staging");
        environment.put("DATABASE_URL", "mysql://app:hunter2-secret@db/sos_ops_staging");
        Run run = run("flags", "resolve", "--org", "org_1", "--env-file", env.toString(), "--database-url-env");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("DATABASE_URL must start with postgres://").doesNotContain("hunter2-secret");
    }

    @Test
    void aMissingEnvironmentIsAnInputError() throws IOException {
        Run run = run("flags", "resolve", "--org", "org_1", "--env-file", envFile("LOG_LEVEL=info").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("APP_ENV");
    }

    @Test
    void entitlementsResolvePrintsTheContractJson() throws IOException {
        Path env = envFile("APP_ENV=staging",
                "ENTITLEMENT_ENV_OVERRIDES_JSON={\"seat_limit\": 25, \"features\": [\"bulk_sms\"], \"usage_caps\": {\"sms_per_month\": 10000}}",
                "ENTITLEMENT_ORG_OVERRIDES_JSON={\"org_123\": {\"seat_limit\": 50, \"features\": [\"sso\"]}}");
        Run run = run("entitlements", "resolve", "--org", "org_123", "--env-file", env.toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("organization_id").asText()).isEqualTo("org_123");
        assertThat(json.get("environment").asText()).isEqualTo("staging");
        assertThat(json.get("seat_limit").asInt()).isEqualTo(50);
        assertThat(json.get("features")).isEqualTo(JSON.readTree("[\"bulk_sms\", \"sso\"]"));
        assertThat(json.get("usage_caps")).isEqualTo(JSON.readTree("{\"sms_per_month\": 10000}"));
        assertThat(json.get("sources").get("seat_limit").asText()).isEqualTo("org");
        assertThat(json.get("sources").get("usage_caps").get("sms_per_month").asText()).isEqualTo("env");
    }

    @Test
    void billingReadinessExitsOneWhenACheckFails() throws IOException {
        Path env = envFile("APP_ENV=prod", "ENTITLEMENT_ENV_OVERRIDES_JSON={\"seat_limit\": 25}");
        Run run = run("entitlements", "resolve", "--org", "org_1", "--env-file", env.toString(), "--billing-readiness");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("NOT ready").contains("FAIL  organization_plan");
    }

    @Test
    void checkReportsBadOverrideJsonAsValueInvalid() throws IOException {
        Path env = envFile("APP_ENV=local", "APP_URL=http://localhost:3000", "AUTH_SECRET=Zq8vN3xK7pL2mR9tW4yB6cF1hJ5sD0gA",
                "LOG_LEVEL=info", "ENTITLEMENT_ENV_OVERRIDES_JSON={\"seat_limit\": \"many\"}");
        Run run = run("check", "--env-file", env.toString(), "--format", "json");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("\"rule\" : \"value-invalid\"")
                .contains("ENTITLEMENT_ENV_OVERRIDES_JSON is invalid at JSON line 1, column 16: seat_limit must be a whole number");
    }
}
