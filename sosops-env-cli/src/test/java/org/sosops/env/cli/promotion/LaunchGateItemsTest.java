package org.sosops.env.cli.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.Main;
import org.sosops.env.cli.support.ProcessEnvironment;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.promotion.launch.ItemResult;

/** The launch gate's items beyond the checks of each command, the backups command and restore's defaults. */
class LaunchGateItemsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROD_ENV = Path.of("..", "examples", "env", "prod.env");
    private static final List<String> SKIP_BASICS = List.of("--skip", "environment,secrets,migrations");

    @TempDir
    Path dir;
    private final Map<String, String> environment = new HashMap<>();
    private final UnaryOperator<String> previous = ProcessEnvironment.replace(environment::get);

    @AfterEach
    void restoreEnvironment() {
        ProcessEnvironment.replace(previous);
    }

    record Run(int exit, String out, String err) {
        JsonNode item(String name) throws IOException {
            for (JsonNode item : JSON.readTree(out).get("items")) {
                if (item.get("item").asText().equals(name)) {
                    return item;
                }
            }
            throw new AssertionError("no item " + name + " in " + out + err);
        }
    }

    private static Run run(List<String> common, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(common);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Path reports(String testcases) throws IOException {
        Path reports = dir.resolve("surefire-reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("TEST-app.AppTest.xml"), "<?xml version=\"1.0\"?><testsuite name=\"app.AppTest\">"
                + testcases + "</testsuite>");
        return reports;
    }

    @Test
    void testReportsWithAFailureOrNoTestAtAllStopTheGate() throws IOException {
        Path reports = reports("<testcase classname=\"app.AppTest\" name=\"ok\"/>");
        Run passing = run(SKIP_BASICS, "launch-gate", "--env-file", PROD_ENV.toString(), "--test-reports", reports.toString(),
                "--skip", "backups", "--format", "json");
        assertThat(passing.exit()).as(passing.out() + passing.err()).isZero();
        assertThat(passing.item("tests").get("summary").asText()).startsWith("1 tests passed");

        reports("<testcase classname=\"app.AppTest\" name=\"sends\"><failure message=\"x\"/></testcase>");
        Run failing = run(SKIP_BASICS, "launch-gate", "--env-file", PROD_ENV.toString(), "--test-reports", reports.toString(),
                "--format", "json");
        assertThat(failing.exit()).isEqualTo(1);
        assertThat(failing.item("tests").get("problems").get(0).asText()).isEqualTo("failure: app.AppTest.sends (TEST-app.AppTest.xml)");

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        Run none = run(SKIP_BASICS, "launch-gate", "--env-file", PROD_ENV.toString(), "--test-reports", empty.toString(),
                "--format", "json");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.item("tests").get("status").asText()).isEqualTo("fail");
    }

    @Test
    void theWebhookItemFailsWhenTheGuardCannotBeBuiltForTheTarget() throws IOException {
        Run ok = run(SKIP_BASICS, "launch-gate", "--env-file", PROD_ENV.toString(), "--format", "json");
        assertThat(ok.item("webhooks").get("status").asText()).as(ok.out()).isEqualTo("pass");

        Path noSecret = dir.resolve("prod.env");
        Files.writeString(noSecret, Files.readString(PROD_ENV).replaceAll("(?m)^EMAIL_WEBHOOK_SIGNING_SECRET=.*$", ""));
        Run broken = run(SKIP_BASICS, "launch-gate", "--env-file", noSecret.toString(), "--format", "json");
        assertThat(broken.exit()).isEqualTo(1);
        JsonNode item = broken.item("webhooks");
        assertThat(item.get("status").asText()).isEqualTo("fail");
        assertThat(item.get("problems").get(0).asText()).contains("EMAIL_WEBHOOK_SIGNING_SECRET");
        assertThat(broken.out() + broken.err()).doesNotContain("a7603f92de72c1a148986559255e4bf2");
        // The check never touches the target's database nor leaves a store in the working directory.
        assertThat(Path.of(".sosops-env")).doesNotExist();
    }

    @Test
    void theWebhookItemClosesTheGuardItBuilt() throws InterruptedException {
        java.util.Set<Thread> before = spoolFlushThreads();
        ItemResult result = new WebhookGuardItem(List.of(PROD_ENV), java.util.Optional.empty(), Map.of()).run();
        assertThat(result).as(result.toString()).isInstanceOf(ItemResult.Passed.class);
        // The guard's spool flush thread (and its embedded pool) would otherwise outlive the check.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        java.util.Set<Thread> left = spoolFlushThreads();
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = spoolFlushThreads();
            left.removeAll(before);
        }
        assertThat(left).as("spool flush threads left by the webhook check").isEmpty();
    }

    private static java.util.Set<Thread> spoolFlushThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sosops-webhook-spool-flush"))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aRequiredPostDeploySmokeWithoutAnApplicationCannotPassAndAnUnreachableOneFails() throws IOException {
        environment.put("LAUNCH_POST_DEPLOY_SMOKE", "true");
        Run missing = run(SKIP_BASICS, "launch-gate", "--env-file", PROD_ENV.toString(), "--skip", "webhooks,backups");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out()).contains("ERROR smoke");
        assertThat(missing.err()).contains("LAUNCH_POST_DEPLOY_SMOKE=true").contains("SMOKE_BASE_URL");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        environment.put("SMOKE_BASE_URL", "http://127.0.0.1:" + closed);
        Run unreachable = run(SKIP_BASICS, "launch-gate", "--env-file", PROD_ENV.toString(), "--skip", "webhooks,backups",
                "--attempts", "1");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.out()).contains("FAIL  smoke").contains("cannot reach http://127.0.0.1:" + closed);

        environment.put("LAUNCH_POST_DEPLOY_SMOKE", "yes please");
        assertThat(run(SKIP_BASICS, "launch-gate").err()).contains("LAUNCH_POST_DEPLOY_SMOKE must be true or false");
    }

    @Test
    void smokeAgainstAnApplicationThatCannotBeReachedIsAFailedCheckNotAUsageError() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        environment.put("SMOKE_BASE_URL", "http://127.0.0.1:" + closed);
        Run run = run(List.of(), "smoke", "--attempts", "1");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("smoke: cannot reach http://127.0.0.1:" + closed);

        environment.remove("SMOKE_BASE_URL");
        Run none = run(List.of(), "smoke");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("pass --base-url URL or set SMOKE_BASE_URL");
        Run credentials = run(List.of(), "smoke", "--base-url", "https://ops:hunter2hunter2@staging.example.org");
        assertThat(credentials.exit()).isEqualTo(2);
        assertThat(credentials.err()).doesNotContain("hunter2");
        Run seed = run(List.of(), "smoke", "--base-url", "http://127.0.0.1:" + closed, "--seed", dir.resolve("none.json").toString());
        assertThat(seed.exit()).isEqualTo(2);
        assertThat(seed.err()).contains("seed list not found");
        Run recipient = run(List.of(), "smoke", "--base-url", "http://127.0.0.1:" + closed, "--test-send");
        assertThat(recipient.exit()).isEqualTo(2);
        assertThat(recipient.err()).contains("set SMOKE_TEST_RECIPIENT or pass --test-recipient");
    }

    @Test
    void backupsCheckJudgesTheNewestBackupAgainstTheSchedule() throws IOException {
        Path backups = dir.resolve("backups");
        Files.createDirectories(backups);
        Path backup = backups.resolve("2026-11-30.sql.gz");
        Files.write(backup, new byte[] {1});
        Files.setLastModifiedTime(backup, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        assertThat(run(List.of(), "backups", "check", "--backups", backups.toString(), "--env", "prod").exit()).isZero();
        Files.setLastModifiedTime(backup, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Run stale = run(List.of(), "backups", "check", "--backups", backups.toString(), "--env", "prod", "--format", "json");
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(JSON.readTree(stale.out()).get("message").asText()).contains("prod expects one daily");
        environment.put("APP_ENV", "staging");
        assertThat(run(List.of(), "backups", "check", "--backups", backups.toString()).exit()).isZero();
        assertThat(run(List.of(), "backups", "check", "--backups", dir.resolve("none").toString(), "--env", "dev").exit()).isZero();
        environment.remove("APP_ENV");
        assertThat(run(List.of(), "backups", "check").err()).contains("pass --env NAME or set APP_ENV");

        // The launch gate runs it for prod.
        Run gate = run(SKIP_BASICS, "launch-gate", "--env-file", PROD_ENV.toString(), "--backups", backups.toString(),
                "--skip", "webhooks", "--format", "json");
        assertThat(gate.exit()).isEqualTo(1);
        assertThat(gate.item("backups").get("status").asText()).isEqualTo("fail");
    }

    @Test
    void restoreReadsItsDatabaseFromDatabaseUrlAndPrintsTheMigrationStatus() throws IOException {
        Path backups = dir.resolve("backups");
        Files.createDirectories(backups);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(backups.resolve("nightly.sql.gz")))) {
            out.write(("CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL,"
                    + " finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,"
                    + " started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0);\n"
                    + "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name)"
                    + " VALUES ('1', 'x', now(), '20240105120000_init');\n").getBytes(StandardCharsets.UTF_8));
        }
        try (ScratchDatabase scratch = ScratchDatabase.create("cli_restore")) {
            environment.put("DATABASE_URL", scratch.databaseUrl());
            Run restored = run(List.of(), "restore", "--backups", backups.toString());
            assertThat(restored.exit()).as(restored.err()).isZero();
            assertThat(restored.out()).contains("Restored " + backups.resolve("nightly.sql.gz"))
                    .contains("Migration status:").contains("20240105120000_init");

            environment.remove("DATABASE_URL");
            Run unset = run(List.of(), "restore", "--backups", backups.toString());
            assertThat(unset.exit()).isEqualTo(2);
            assertThat(unset.err()).contains("DATABASE_URL is not set");
        }
    }
}
