package org.sosops.env.cli.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sosops.env.cli.CliRun.run;
import static org.sosops.env.cli.CliRun.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.CliRun;

/**
 * One exception register waives the findings of every command that reports them, keeps them
 * visible as waived, and reports entries that waive nothing (expired, incomplete, longer than 90
 * days) — each command only the entries about its own rules.
 */
class ExceptionRegisterEverywhereTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(java.time.ZoneOffset.UTC);

    @TempDir
    Path dir;
    Path migrations;

    @BeforeEach
    void migrations() throws IOException {
        migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V7__drop_fax.sql"), "-- reviewed\nALTER TABLE volunteers\n  DROP COLUMN fax_number;\n");
    }

    private static String entry(String title, String rule, String environment, String variable, LocalDate approved,
                                LocalDate expires) {
        return "## " + title + "\n\n- Rule: `" + rule + "`\n- Environment: " + environment + "\n"
                + (variable == null ? "" : "- Variable: " + variable + "\n")
                + "- Rationale: reviewed by the data team\n- Expires: " + expires + "\n"
                + "- Rollback plan: restore the nightly backup\n- Approved by: Dana Ortiz (" + approved + ")\n\n";
    }

    private static String entry(String title, String rule, String environment, String variable) {
        return entry(title, rule, environment, variable, TODAY.minusDays(5), TODAY.plusDays(30));
    }

    private Path register(String... entries) throws IOException {
        return Files.writeString(dir.resolve("RISKS_DECISIONS.md"), "# Risks and decisions\n\n" + String.join("", entries));
    }

    private static JsonNode json(CliRun run) throws IOException {
        return JSON.readTree(run.out());
    }

    // migrations check

    @Test
    void aReviewedDropColumnNamedByItsFileIsWaivedAndStaysVisible() throws IOException {
        assertThat(run("migrations", "check", migrations.toString()).code()).isEqualTo(1);
        Path register = register(entry("RD-1 drop the fax column", "migration-risky", "all", "V7__drop_fax.sql"));

        CliRun text = run("migrations", "check", migrations.toString(), "--register", register.toString());
        assertThat(text.code()).as(text.all()).isZero();
        assertThat(text.out()).contains("DROP COLUMN: ALTER TABLE volunteers DROP COLUMN fax_number (waived by "
                + register + ":3 (RD-1 drop the fax column))").contains("1 waived");

        CliRun json = run("migrations", "check", migrations.toString(), "--register", register.toString(), "--format", "json");
        JsonNode finding = json(json).get("findings").get(0);
        assertThat(json(json).get("ok").asBoolean()).isTrue();
        assertThat(finding.get("baselined").asBoolean()).isFalse();
        assertThat(finding.get("waived").asBoolean()).isTrue();
        assertThat(finding.get("waiver").asText()).contains("RD-1");
    }

    @Test
    void aReviewedStatementIsWaivedByItsTextWhateverItsLayoutButAnotherStatementIsNot() throws IOException {
        Path register = register(entry("RD-2", "migration-risky", "all", "alter table volunteers drop column fax_number"));
        assertThat(run("migrations", "check", migrations.toString(), "--register", register.toString()).code()).isZero();
        Files.writeString(migrations.resolve("V8__drop_more.sql"), "ALTER TABLE volunteers DROP COLUMN phone;\n");
        CliRun run = run("migrations", "check", migrations.toString(), "--register", register.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("error [migration-risky] " + migrations + "/V8__drop_more.sql:1");
    }

    @Test
    void anEntryForOneEnvironmentWaivesOnlyWhenTheMigrationsGoThere() throws IOException {
        Path register = register(entry("RD-3", "migration-risky", "prod", "V7__drop_fax.sql"));
        assertThat(run("migrations", "check", migrations.toString(), "--register", register.toString()).code())
                .as("no environment: only entries for all apply").isEqualTo(1);
        assertThat(run("migrations", "check", migrations.toString(), "--register", register.toString(), "--env", "prod")
                .code()).isZero();
        assertThat(run("migrations", "check", migrations.toString(), "--register", register.toString(), "--env", "staging")
                .code()).isEqualTo(1);
    }

    @Test
    void anExpiredEntryWaivesNothingAndIsReported() throws IOException {
        Path register = register(entry("RD-4", "migration-risky", "all", "V7__drop_fax.sql",
                TODAY.minusDays(40), TODAY.minusDays(1)));
        CliRun run = run("migrations", "check", migrations.toString(), "--register", register.toString(), "--format", "json");
        assertThat(run.code()).isEqualTo(1);
        JsonNode root = json(run);
        assertThat(root.get("findings").get(0).has("waived")).isFalse();
        assertThat(root.get("register").get(0).get("message").asText()).contains("expired on " + TODAY.minusDays(1));
    }

    @Test
    void anEntryRunningLongerThanNinetyDaysFromItsApprovalWaivesNothingAndIsReported() throws IOException {
        Path register = register(entry("RD-5", "migration-risky", "all", "V7__drop_fax.sql",
                TODAY.minusDays(1), TODAY.minusDays(1).plusDays(91)));
        CliRun run = run("migrations", "check", migrations.toString(), "--register", register.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("runs 91 days from its approval").contains("at most 90 days")
                .doesNotContain("waived by");
        Path ninety = register(entry("RD-5", "migration-risky", "all", "V7__drop_fax.sql",
                TODAY.minusDays(1), TODAY.minusDays(1).plusDays(90)));
        assertThat(run("migrations", "check", migrations.toString(), "--register", ninety.toString()).code()).isZero();
    }

    @Test
    void aBrokenEntryAboutAnotherRuleDoesNotFailTheMigrationGate() throws IOException {
        Path register = register(entry("RD-6", "secret-weak", "all", null, TODAY.minusDays(40), TODAY.minusDays(1)));
        assertThat(run("migrations", "check", migrations.toString(), "--register", register.toString()).code())
                .isEqualTo(1);
        Path both = register(entry("RD-6", "secret-weak", "all", null, TODAY.minusDays(40), TODAY.minusDays(1)),
                entry("RD-7", "migration-risky", "all", null));
        CliRun run = run("migrations", "check", migrations.toString(), "--register", both.toString());
        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.out()).doesNotContain("RD-6");
    }

    // secrets

    @Test
    void aSharedSecretIsWaivedOnlyInTheEnvironmentTheEntryNames() throws IOException {
        String shared = "Xq3vLm9Zp2Wt8Yr5Uc7Nb4Md6Ke1Hj0Gf";
        Path staging = Files.writeString(dir.resolve("staging.env"), "APP_ENV=staging\nAUTH_SECRET=" + shared + "\n");
        Path prod = Files.writeString(dir.resolve("prod.env"), "APP_ENV=prod\nAUTH_SECRET=" + shared + "\n");
        Path register = register(entry("RD-8", "secret-shared", "staging", "AUTH_SECRET"));

        CliRun one = run("secrets", "--env-file", staging.toString(), prod.toString(), "--register", register.toString(),
                "--format", "json");
        assertThat(one.code()).isEqualTo(1);
        assertThat(json(one).get("findings")).extracting(f -> f.get("environment").asText() + ":" + f.has("waived"))
                .containsExactly("staging:true", "prod:false");
        assertThat(one.out()).doesNotContain(shared);

        Path both = register(entry("RD-8", "secret-shared", "all", "AUTH_SECRET"));
        CliRun run = run("secrets", "--env-file", staging.toString(), prod.toString(), "--register", both.toString());
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("(waived by " + both + ":3 (RD-8))").endsWith("OK (2 waived)\n");
    }

    @Test
    void anExampleFileAndASourceTreeFindingAreWaivedByAnEntryForAll() throws IOException {
        Path example = Files.writeString(dir.resolve(".env.example"), "TWILIO_AUTH_TOKEN=9405896f43fe37a3121c944d43518dc5\n");
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("Settings.java"),
                "class Settings {\n    static final String AUTH_SECRET = \"Q8v2Lm1Zp0Xw9Yt7Ub6Nc5Md4Ke3Hj2\";\n}\n");
        assertThat(run("secrets", "--example", example.toString(), "--scan", src.toString()).code()).isEqualTo(1);

        Path staging = register(entry("RD-9", "example-secret", "staging", null), entry("RD-10", "hardcoded-secret", "staging", null));
        assertThat(run("secrets", "--example", example.toString(), "--scan", src.toString(), "--register", staging.toString())
                .code()).as("a file is no environment: only an entry for all waives it").isEqualTo(1);

        Path all = register(entry("RD-9", "example-secret", "all", "TWILIO_AUTH_TOKEN"), entry("RD-10", "hardcoded-secret", "all", null));
        CliRun run = run("secrets", "--example", example.toString(), "--scan", src.toString(), "--register", all.toString(),
                "--format", "json");
        assertThat(run.code()).as(run.all()).isZero();
        assertThat(json(run).get("findings")).hasSize(2).allSatisfy(f -> assertThat(f.get("waived").asBoolean()).isTrue());
    }

    @Test
    void anExpiredSecretsEntryFailsTheSecretsCommand() throws IOException {
        Path example = Files.writeString(dir.resolve(".env.example"), "TWILIO_AUTH_TOKEN=\n");
        Path register = register(entry("RD-11", "example-secret", "all", null, TODAY.minusDays(60), TODAY.minusDays(2)));
        CliRun run = run("secrets", "--example", example.toString(), "--register", register.toString());
        assertThat(run.code()).as(run.all()).isEqualTo(1);
        assertThat(run.out()).contains("RD-11").contains("expired on");
    }

    // launch-gate

    @Test
    void theLaunchGateAppliesTheRegisterToItsMigrationAndSecretItems() throws IOException {
        Path example = Files.writeString(dir.resolve(".env.example"), "TWILIO_AUTH_TOKEN=9405896f43fe37a3121c944d43518dc5\n");
        String[] args = {"launch-gate", "--env-file", sample("prod.env").toString(), "--migrations", migrations.toString(),
                "--example", example.toString(), "--skip", "environment", "--target", "prod", "--skip", "release", "--skip", "backups"};
        CliRun without = run(args);
        assertThat(without.code()).isEqualTo(1);
        assertThat(without.out()).contains("[migration-risky]").contains("[example-secret]");

        Path register = register(entry("RD-12", "migration-risky", "prod", "V7__drop_fax.sql"),
                entry("RD-13", "example-secret", "all", "TWILIO_AUTH_TOKEN"));
        String[] withRegister = java.util.Arrays.copyOf(args, args.length + 2);
        withRegister[args.length] = "--register";
        withRegister[args.length + 1] = register.toString();
        CliRun with = run(withRegister);
        assertThat(with.code()).as(with.all()).isZero();
        assertThat(with.out()).contains("V7__drop_fax.sql:3 DROP COLUMN waived by " + register + ":3 (RD-12)")
                .contains("[example-secret] TWILIO_AUTH_TOKEN waived by " + register + ":13 (RD-13)");
    }

    // check and the default locations

    @Test
    void theRegisterIsLookedUpInMasterBuildFirstThenTheWorkingDirectory() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path weak = Files.writeString(work.resolve("dev.env"), Files.readString(sample("dev.env"))
                .replace("LOG_LEVEL=info", "LOG_LEVEL=loud"));
        Files.writeString(work.resolve("RISKS_DECISIONS.md"), "# Risks\n\n" + entry("RD-root", "value-invalid", "dev", "LOG_LEVEL"));
        CliRun root = CliRun.runInNewJvmIn(work, Map.of(), "check", "--env-file", "dev.env");
        assertThat(root.code()).as(root.all()).isZero();
        assertThat(root.out()).contains("waived by RISKS_DECISIONS.md:3 (RD-root)");

        Files.createDirectories(work.resolve("master_build"));
        Files.writeString(work.resolve("master_build/RISKS_DECISIONS.md"), "# Risks\n\n"
                + entry("RD-master", "value-invalid", "dev", "LOG_LEVEL"));
        CliRun master = CliRun.runInNewJvmIn(work, Map.of(), "check", "--env-file", "dev.env");
        assertThat(master.code()).isZero();
        assertThat(master.out()).contains("(RD-master)").doesNotContain("RD-root");

        Path elsewhere = Files.writeString(dir.resolve("other.md"), "# Risks\n\n" + entry("RD-env", "value-invalid", "dev", "LOG_LEVEL"));
        CliRun setting = CliRun.runInNewJvmIn(work, Map.of("SOSOPS_RISKS_DECISIONS_FILE", elsewhere.toString()),
                "check", "--env-file", "dev.env");
        assertThat(setting.out()).contains("(RD-env)");
        assertThat(weak).exists();
    }

    @Test
    void migrationsCheckFindsTheDefaultRegisterToo() throws Exception {
        Path work = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(work.resolve("master_build"));
        Files.writeString(work.resolve("master_build/RISKS_DECISIONS.md"), "# Risks\n\n"
                + entry("RD-m", "migration-risky", "all", "V7__drop_fax.sql"));
        CliRun run = CliRun.runInNewJvmIn(work, Map.of(), "migrations", "check", migrations.toString());
        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.out()).contains("waived by master_build/RISKS_DECISIONS.md:3 (RD-m)");
    }
}
