package org.sosops.env.cli.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.Main;
import org.sosops.env.cli.support.ProcessEnvironment;
import org.sosops.env.core.testsupport.ScratchDatabase;

/** The promotion commands end to end: arguments in, exit code, stdout and stderr out. */
class PromotionCommandsTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "migrations");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final Map<String, String> environment = new HashMap<>();
    private final UnaryOperator<String> previous = ProcessEnvironment.replace(environment::get);

    @AfterEach
    void restoreEnvironment() {
        ProcessEnvironment.replace(previous);
    }

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }

        String all() {
            return out + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void checkReportsTheExamplesRiskyStatementsAsContractJson() throws IOException {
        Run run = run("migrations", "check", EXAMPLES.toString(), "--format", "json");

        assertThat(run.exit()).isEqualTo(1);
        JsonNode json = run.json();
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("findings")).hasSize(9);
        JsonNode first = json.get("findings").get(0);
        assertThat(first.get("file").asText()).isEqualTo("flyway/V1_1__retire_lists.sql");
        assertThat(first.get("line").asInt()).isEqualTo(2);
        assertThat(first.get("pattern").asText()).isEqualTo("DROP TABLE");
        assertThat(first.get("statement").asText()).isEqualTo("DROP TABLE IF EXISTS legacy_lists");
        assertThat(first.get("baselined").asBoolean()).isFalse();
        assertThat(first.get("rule").asText()).isEqualTo("migration-risky");
        assertThat(json.get("stale")).isEmpty();
    }

    @Test
    void aBaselineWrittenByTheCommandMakesCheckPassAndListsStaleEntries() throws IOException {
        Path migrations = dir.resolve("m");
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("V1__a.sql"), "DROP TABLE a;\nTRUNCATE b;\n");
        Path baseline = dir.resolve("migration-safety-baseline.json");

        assertThat(run("migrations", "baseline", migrations.toString(), "--baseline", baseline.toString()).exit()).isZero();
        assertThat(run("migrations", "check", migrations.toString(), "--baseline", baseline.toString()).exit()).isZero();

        Files.writeString(migrations.resolve("V1__a.sql"), "-- a comment moves things down\n\nTRUNCATE b;\nDELETE FROM c;\n");
        Run after = run("migrations", "check", migrations.toString(), "--baseline", baseline.toString(), "--format", "json");
        assertThat(after.exit()).isEqualTo(1);
        JsonNode json = after.json();
        assertThat(json.get("findings")).extracting(f -> f.get("pattern").asText() + "/" + f.get("baselined").asBoolean())
                .containsExactly("TRUNCATE/true", "DELETE FROM/false");
        assertThat(json.get("stale")).extracting(s -> s.get("statement").asText()).containsExactly("DROP TABLE a");
    }

    @Test
    void withoutABaselineEveryFindingIsNewButANamedMissingBaselineIsAnError() throws IOException {
        Path migrations = dir.resolve("m");
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("a.sql"), "truncate t;");

        Run plain = run("migrations", "check", migrations.toString());
        assertThat(plain.exit()).isEqualTo(1);
        assertThat(plain.out()).contains("error [migration-risky] " + migrations + "/a.sql:1: TRUNCATE: TRUNCATE t");

        Run missing = run("migrations", "check", migrations.toString(), "--baseline", dir.resolve("nope.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json: baseline file not found").doesNotContain("Exception");
    }

    @Test
    void unterminatedSqlNonUtf8FilesAndCorruptBaselinesExitTwoNamingTheFile() throws IOException {
        Path migrations = dir.resolve("m");
        Files.createDirectories(migrations.resolve("20240101_x"));
        Files.writeString(migrations.resolve("20240101_x/migration.sql"), "SELECT 1;\n/* never closed\nDROP TABLE t;\n");
        Run unterminated = run("migrations", "check", migrations.toString());
        assertThat(unterminated.exit()).isEqualTo(2);
        assertThat(unterminated.err().strip()).isEqualTo("sosops-env migrations check: " + migrations.resolve("20240101_x/migration.sql")
                + ":2: unterminated block comment (/* without */)");

        Files.writeString(migrations.resolve("20240101_x/migration.sql"), "SELECT 1;");
        Files.write(migrations.resolve("latin1.sql"), "-- caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Run latin1 = run("migrations", "check", migrations.toString());
        assertThat(latin1.exit()).isEqualTo(2);
        assertThat(latin1.err()).contains("latin1.sql:1: not valid UTF-8");

        Files.delete(migrations.resolve("latin1.sql"));
        Path corrupt = dir.resolve("b.json");
        Files.writeString(corrupt, "{\"entries\": [");
        Run bad = run("migrations", "check", migrations.toString(), "--baseline", corrupt.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains(corrupt + ":1:").contains("corrupt baseline");
    }

    @Test
    void promotableExitsOneNamingTheMigrationTheSourceHasNotApplied() throws Exception {
        try (ScratchDatabase staging = ScratchDatabase.create("cli_staging"); ScratchDatabase prod = ScratchDatabase.create("cli_prod")) {
            prisma(staging, "20240105120000_init");
            prisma(prod, "20240105120000_init");

            environment.put("STAGING_DATABASE_URL", staging.databaseUrl());
            environment.put("DATABASE_URL", prod.databaseUrl());
            Run run = run("migrations", "promotable", "--from-database-url-env", "STAGING_DATABASE_URL",
                    "--migrations", EXAMPLES.resolve("prisma").toString());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("blocked  prisma 20240210093000_cleanup_contacts")
                    .contains("blocked  prisma 20240312170000_campaign_status").contains("2 migrations not promotable");

            prisma(staging, "20240210093000_cleanup_contacts", "20240312170000_campaign_status");
            assertThat(run("migrations", "promotable", "--from-database-url-env", "STAGING_DATABASE_URL",
                    "--to-database-url-env", "DATABASE_URL", "--migrations", EXAMPLES.resolve("prisma").toString()).exit()).isZero();
        }
    }

    @Test
    void anUnreachableDatabaseExitsTwoNamingTheTargetWithoutItsPassword() {
        environment.put("STAGING_DATABASE_URL", "postgresql://u:hunter2hunter2@127.0.0.1:1/sos_ops_staging");
        environment.put("PROD_DATABASE_URL", "postgresql://u@127.0.0.1:1/sos_ops_prod");
        Run run = run("migrations", "promotable", "--from-database-url-env", "STAGING_DATABASE_URL",
                "--to-database-url-env", "PROD_DATABASE_URL");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("cannot use database u@127.0.0.1:1/sos_ops_staging").doesNotContain("hunter2");
    }

    @Test
    void promotableTakesVariableNamesNeverUrlsAndNamesAnUnsetVariable() {
        Run pasted = run("migrations", "promotable", "--from-database-url-env", "postgresql://u:hunter2hunter2@db/sos_ops_staging");
        assertThat(pasted.exit()).isEqualTo(2);
        assertThat(pasted.err()).contains("--from-database-url-env takes the name of an environment variable").doesNotContain("hunter2");

        Run unset = run("migrations", "promotable", "--from-database-url-env", "STAGING_DATABASE_URL");
        assertThat(unset.exit()).isEqualTo(2);
        assertThat(unset.err()).contains("STAGING_DATABASE_URL is not set");

        Run old = run("migrations", "promotable", "--from-database-url", "postgresql://u:hunter2hunter2@db/x");
        assertThat(old.exit()).isEqualTo(2);
        assertThat(old.all()).doesNotContain("hunter2");
    }

    @Test
    void aStagingSmokeRecordedInTheLedgerLetsExactlyThatTaggedProdCommitThroughTheLaunchGate() throws Exception {
        String commit = "9b1f0c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b";
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"skip_builtin\": [\"webhook-twilio-inbound\", \"webhook-twilio-status\", \"webhook-email-events\"]}");
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = (path.equals("/api/health") ? "{\"status\":\"ok\",\"environment\":\"staging\"}"
                    : "{\"environment\":\"staging\",\"flags\":{}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        Path migrations = dir.resolve("m");
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("V1__a.sql"), "CREATE TABLE t (a int);");
        Path env = dir.resolve("prod.env");
        Files.copy(Path.of("..", "examples", "env", "prod.env"), env);
        Path example = dir.resolve(".env.example");
        Files.writeString(example, "APP_ENV=local\nAUTH_SECRET=\nTWILIO_AUTH_TOKEN=<your-token>\n");
        try (ScratchDatabase ledger = ScratchDatabase.create("cli_ledger")) {
            String baseUrl = "http://127.0.0.1:" + app.getAddress().getPort();
            environment.put("SOSOPS_PROMOTION_LEDGER_URL", ledger.databaseUrl());
            Run smoke = run("smoke", "--base-url", baseUrl, "--record", "--commit", commit, "--environment", "staging",
                    "--seed", seed.toString(), "--format", "json");
            assertThat(smoke.exit()).as(smoke.out() + smoke.err()).isZero();
            assertThat(smoke.json().get("checks")).extracting(c -> c.get("name").asText() + ":" + c.get("result").asText())
                    .contains("health:passed", "ready:passed", "resolved-flags:passed", "organization-flags:skipped",
                            "ops-incidents:skipped");

            Run go = run("launch-gate", "--env-file", env.toString(), "--example", example.toString(),
                    "--migrations", migrations.toString(), "--target", "prod",
                    "--commit", commit, "--branch", "prod", "--tag", "v1.0.0", "--skip", "backups");
            assertThat(go.exit()).as(go.out() + go.err()).isZero();
            assertThat(go.out()).contains("release to prod allowed").endsWith("GO: every checklist item passed\n");

            Run other = run("launch-gate", "--env-file", env.toString(), "--example", example.toString(),
                    "--migrations", migrations.toString(), "--target", "prod",
                    "--commit", "1111111111111111111111111111111111111111", "--branch", "prod", "--tag", "v1.0.1",
                    "--ledger-database-url-env", "SOSOPS_PROMOTION_LEDGER_URL", "--skip", "backups", "--format", "json");
            assertThat(other.exit()).isEqualTo(1);
            assertThat(other.json().get("items").get(3).get("problems").get(0).asText())
                    .isEqualTo("commit 111111111111 was never validated on staging (no smoke result in the ledger;"
                            + " run 'sosops-env smoke --record' against staging)");
        } finally {
            app.stop(0);
        }
    }

    @Test
    void theLaunchGateExitsTwoWhenAnItemCannotRun() {
        Run run = run("launch-gate", "--env-file", Path.of("..", "examples", "env", "staging.env").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("ERROR migrations").contains("ERROR secrets")
                .contains("NO-GO: 2 failing items (secrets, migrations)");
        assertThat(run.err()).contains("no migrations directory given: pass --migrations DIR (or --skip migrations)")
                .contains("secrets: nothing to check");
    }

    @Test
    void theLaunchGateRunsSecretHygieneAcrossEnvironmentsTheExampleFileAndTheSource() throws IOException {
        Path secrets = Path.of("..", "examples", "secrets");
        Run run = run("launch-gate", "--env-file", secrets.resolve("env/prod.env").toString(),
                "--compare-env-file", secrets.resolve("env/dev.env").toString(), secrets.resolve("env/staging.env").toString(),
                "--example", secrets.resolve("env.example").toString(), "--scan", secrets.resolve("src").toString(),
                "--secrets-baseline", secrets.resolve("secrets-baseline.txt").toString(),
                "--skip", "environment,migrations", "--format", "json");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        JsonNode item = run.json().get("items").get(1);
        assertThat(item.get("item").asText()).isEqualTo("secrets");
        assertThat(item.get("status").asText()).isEqualTo("fail");
        assertThat(item.get("problems")).extracting(JsonNode::asText)
                .anyMatch(p -> p.contains("[secret-shared]")).anyMatch(p -> p.contains("[example-secret]"))
                .anyMatch(p -> p.contains("[hardcoded-secret]"));
        assertThat(run.out()).doesNotContain("ee59dd8a09b1bf0faa5ebe16d4662ead");
    }

    @Test
    void restoreRefusesAProdDatabaseWithoutTheFlag() {
        environment.put("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/sos_ops_prod");
        Run run = run("restore", "--backups", dir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("refusing to restore into postgres@127.0.0.1:5432/sos_ops_prod");
    }

    private static void prisma(ScratchDatabase db, String... names) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS _prisma_migrations (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL,"
                    + " finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,"
                    + " started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)");
            for (String name : names) {
                s.execute("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name)"
                        + " VALUES (gen_random_uuid()::text, 'x', now(), '" + name + "')");
            }
        }
    }
}
